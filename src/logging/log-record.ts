import { format, formatWithOptions } from "node:util";
import type { DurableLogData } from "../types/logger";

/** Level names written by the default logger. */
export type RecordLevel = "DEBUG" | "INFO" | "WARN" | "ERROR";

const METADATA_KEYS = ["tenantId", "operationId", "operationName", "attempt"] as const;

/** Keys the logger owns; log-data entries with these names are not copied as extra fields. */
const RESERVED_KEYS = new Set<string>([
  "requestId",
  "timestamp",
  "level",
  "executionArn",
  ...METADATA_KEYS,
  "message",
  "errorType",
  "errorMessage",
  "stackTrace",
]);

/** How a record describes an `Error`: its class name, message and stack lines. */
const errorFields = (error: Error) => ({
  errorType: error.constructor.name,
  errorMessage: error.message,
  stackTrace: error.stack ? error.stack.split("\n") : [],
});

/** JSON replacer that turns every `Error` into a plain, serialisable description of it. */
const errorReplacer = (_key: string, value: unknown): unknown =>
  value instanceof Error ? { ...errorFields(value), ...value } : value;

const formatArgs = (args: unknown[]): string =>
  typeof formatWithOptions === "function"
    ? formatWithOptions({ breakLength: Infinity }, ...args)
    : format(...args);

/**
 * Renders one default-logger record as a single JSON line (without the trailing newline).
 * Key order: request id, timestamp, level, execution ARN, optional metadata, extra log-data
 * fields, message, then error details for multi-argument calls that include an `Error`.
 */
export function renderLogRecord(level: RecordLevel, data: DurableLogData, args: unknown[]): string {
  const params = args.length > 0 && args[0] === undefined ? args.slice(1) : args;
  const record: Record<string, unknown> = {
    requestId: data.requestId,
    timestamp: new Date().toISOString(),
    level,
    executionArn: data.executionArn,
  };
  for (const key of METADATA_KEYS) {
    if (data[key] !== undefined && data[key] !== null) record[key] = data[key];
  }
  for (const [key, value] of Object.entries(data)) {
    if (!RESERVED_KEYS.has(key)) record[key] = value;
  }

  if (params.length !== 1) {
    record.message = formatArgs(params);
    const error = params.find((p): p is Error => p instanceof Error);
    if (error) Object.assign(record, errorFields(error));
    return JSON.stringify(record, errorReplacer);
  }

  const [value] = params;
  record.message = value;
  try {
    const line = JSON.stringify(record, errorReplacer);
    // A function or symbol would silently vanish from the JSON; treat that as a failure too.
    if (typeof value !== "function" && typeof value !== "symbol") return line;
  } catch {
    // Circular structures, BigInt and throwing toJSON land here.
  }
  record.message = format(value);
  return JSON.stringify(record, errorReplacer);
}
