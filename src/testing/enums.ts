/** Enumerations of the testing API. */
export { OperationStatus, OperationType } from "../types/wire";
export { ExecutionStatus } from "./service/api/execution-status";

/**
 * Stage `waitForData` waits for.
 *
 * @example
 * ```ts
 * const approval = runner.getOperation("approval");
 * const pending = runner.run({ payload });
 * await approval.waitForData(WaitingOperationStatus.SUBMITTED); // the submitter has run
 * await approval.sendCallbackSuccess(JSON.stringify({ ok: true }));
 * ```
 */
export enum WaitingOperationStatus {
  /** The operation exists (for `waitForCallback`: its callback id is known). */
  STARTED = "STARTED",
  /** For `waitForCallback`: the submitter finished; otherwise the same as COMPLETED. */
  SUBMITTED = "SUBMITTED",
  /** The operation reached a terminal status (for `waitForCallback`: its callback did). */
  COMPLETED = "COMPLETED",
}

/**
 * How a Lambda function is invoked.
 *
 * @example
 * ```ts
 * await lambda.send(new InvokeCommand({ FunctionName: "orders:live", InvocationType: InvocationType.Event }));
 * ```
 */
export const InvocationType = {
  RequestResponse: "RequestResponse",
  Event: "Event",
  DryRun: "DryRun",
} as const;
/**
 * How a Lambda function is invoked.
 *
 * @example
 * ```ts
 * await lambda.send(new InvokeCommand({ FunctionName: "orders:live", InvocationType: InvocationType.Event }));
 * ```
 */
export type InvocationType = (typeof InvocationType)[keyof typeof InvocationType];
