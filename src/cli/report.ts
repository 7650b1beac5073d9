/** The report `run` prints: operation tree, status, history, then result or error. */
import type { Event } from "../testing/service/state/history-event";
import { renderHistory } from "./history-table";
import { renderOperationTree, type TreeOperation } from "./operation-tree";

/** What the report shows of one execution (finished or not). */
export interface RunReport {
  operations: readonly TreeOperation[];
  events: readonly Event[];
  /** Final status, or undefined when the run could not finish. */
  status?: string;
  invocations: number;
  showHistory: boolean;
}

/** Prints the operation tree, the status and (with `--show-history`) the history. */
export function printReport(report: RunReport, print: (line?: string) => void): void {
  print("Operations:");
  for (const line of renderOperationTree(report.operations)) print(line);
  print();
  print(`Execution Status: ${report.status ?? "did not finish"}`);
  print(`Invocations: ${report.invocations}`);
  if (report.showHistory) {
    print();
    print("History Events:");
    for (const line of renderHistory(report.events)) print(line);
  }
}
