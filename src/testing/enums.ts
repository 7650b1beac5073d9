/** Enumerations of the testing API. */
export { OperationStatus, OperationType } from "../types/wire";

/** Stage `waitForData` waits for. */
export enum WaitingOperationStatus {
  /** The operation exists (for `waitForCallback`: its callback id is known). */
  STARTED = "STARTED",
  /** For `waitForCallback`: the submitter finished; otherwise the same as COMPLETED. */
  SUBMITTED = "SUBMITTED",
  /** The operation reached a terminal status (for `waitForCallback`: its callback did). */
  COMPLETED = "COMPLETED",
}

/** Status of a durable execution. */
export const ExecutionStatus = {
  RUNNING: "RUNNING",
  SUCCEEDED: "SUCCEEDED",
  FAILED: "FAILED",
  TIMED_OUT: "TIMED_OUT",
  STOPPED: "STOPPED",
} as const;
/** Status of a durable execution. */
export type ExecutionStatus = (typeof ExecutionStatus)[keyof typeof ExecutionStatus];

/** How a Lambda function is invoked. */
export const InvocationType = {
  RequestResponse: "RequestResponse",
  Event: "Event",
  DryRun: "DryRun",
} as const;
/** How a Lambda function is invoked. */
export type InvocationType = (typeof InvocationType)[keyof typeof InvocationType];
