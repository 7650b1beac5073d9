/**
 * Ends executions: records the terminal history event, settles the execution, reports the
 * outcome to a parent's chained invoke, and lets callers wait for the last invocation.
 */
import type { ErrorObject, OperationStatus } from "../../../types/wire";
import { testingLog } from "../../log";
import { completeInvoke } from "../invocation/chained-invoke-completion";
import type { ExecutionRecord } from "./execution-record";
import { copyError, errorOf, payloadOf } from "./history-event";
import { endOperation, recordOperationEvent } from "./operation-events";
import type { ServiceCore } from "../service-core";
import { EXECUTION_END_EVENTS, type FinalExecutionStatus } from "../api/execution-status";

/**
 * Ends a running execution with `status` at `at` (default: now). No-op when it already ended.
 * A chained-invoke child also completes its parent's invoke operation.
 */
export function completeExecution(
  core: ServiceCore,
  exec: ExecutionRecord,
  status: FinalExecutionStatus,
  outcome: { result?: string; error?: ErrorObject },
  at?: Date,
): void {
  if (exec.terminal) return;
  const now = at ?? core.runtime.clock.date();
  const op = exec.executionOperation;
  endOperation(exec, op, status as OperationStatus, now);
  recordOperationEvent(
    exec,
    op,
    EXECUTION_END_EVENTS[status],
    now,
    status === "SUCCEEDED"
      ? { Result: payloadOf(outcome.result) }
      : { Error: errorOf(outcome.error) },
  );
  exec.finish(status, now, outcome);
  core.retain(exec);
  exec.notifyOperation(op);
  testingLog.debug(`execution ${exec.arn} ended ${status}`);
  if (exec.parent) {
    const parentOp = exec.parent.execution.operations.get(exec.parent.operationId);
    if (parentOp)
      completeInvoke(core, exec.parent.execution, parentOp, status as OperationStatus, outcome);
  }
}

/** Ends a running execution as TIMED_OUT at virtual time `at` (epoch ms). */
export function timeOutExecution(core: ServiceCore, exec: ExecutionRecord, at: number): void {
  if (exec.terminal) return;
  completeExecution(
    core,
    exec,
    "TIMED_OUT",
    { error: { ErrorMessage: `Execution timed out after ${exec.executionTimeout} seconds.` } },
    new Date(at),
  );
}

/** Ends a running execution as STOPPED (no-op when already ended); returns the end time. */
export function stopExecution(
  core: ServiceCore,
  exec: ExecutionRecord,
  error: ErrorObject | undefined,
): Date {
  if (!exec.terminal) {
    completeExecution(core, exec, "STOPPED", { error: error ? copyError(error) : undefined });
  }
  return new Date((exec.end as Date).getTime());
}
