/** The operation table of `TestResult.print`. */
import type { Operation } from "../types/wire";
import type { PrintConfig } from "./types";

const DEFAULTS: Required<PrintConfig> = {
  parentId: true,
  name: true,
  type: true,
  subType: true,
  status: true,
  startTime: true,
  endTime: true,
  duration: true,
};

/** Builds the rows `print` shows (exported for tests and the CLI). */
export function operationRows(
  operations: readonly Operation[],
  config?: PrintConfig,
): Record<string, string>[] {
  const merged = { ...DEFAULTS, ...config };
  return operations.map((op) => {
    const start = op.StartTimestamp;
    const end = op.EndTimestamp;
    const all: Record<keyof PrintConfig, string> = {
      parentId: op.ParentId ?? "-",
      name: op.Name ?? "-",
      type: op.Type ?? "-",
      subType: op.SubType ?? "-",
      status: op.Status ?? "-",
      startTime: start ? start.toISOString() : "-",
      endTime: end ? end.toISOString() : "-",
      duration: start && end ? `${end.getTime() - start.getTime()}ms` : "-",
    };
    const row: Record<string, string> = {};
    for (const key of Object.keys(DEFAULTS) as (keyof PrintConfig)[])
      if (merged[key]) row[key] = all[key];
    return row;
  });
}

/** Prints the operations with `console.table`, or `No operations found.`. */
export function printOperations(operations: readonly Operation[], config?: PrintConfig): void {
  if (operations.length === 0) {
    console.log("No operations found.");
    return;
  }
  console.table(operationRows(operations, config));
}
