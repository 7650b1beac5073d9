import { OperationStatus } from "../types/wire";

const FINISHED: ReadonlySet<string | undefined> = new Set([
  OperationStatus.SUCCEEDED,
  OperationStatus.FAILED,
  OperationStatus.TIMED_OUT,
  OperationStatus.STOPPED,
  OperationStatus.CANCELLED,
]);

/**
 * True when an operation status is final: the operation will not change any more
 * (`SUCCEEDED`, `FAILED`, `TIMED_OUT`, `STOPPED` or `CANCELLED`).
 *
 * @example
 * ```ts
 * isFinishedStatus("TIMED_OUT"); // true
 * isFinishedStatus("PENDING"); // false
 * ```
 */
export function isFinishedStatus(status: string | undefined): boolean {
  return FINISHED.has(status);
}
