/** Ends a chained-invoke operation with its target's outcome and records the matching event. */
import type { ErrorObject, Operation, OperationStatus } from "../../../types/wire";
import type { ExecutionRecord } from "../state/execution-record";
import { copyError, errorOf, payloadOf } from "../state/history-event";
import { endOperation, recordOperationEvent } from "../state/operation-events";
import { markChanged, type ServiceCore } from "../service-core";

const UNSUCCESSFUL_EVENTS = {
  TIMED_OUT: "ChainedInvokeTimedOut",
  STOPPED: "ChainedInvokeStopped",
} as const;

/**
 * Completes a STARTED chained-invoke operation with `status` and the target's outcome.
 * No-op when the execution ended or the operation is no longer STARTED.
 */
export function completeInvoke(
  core: ServiceCore,
  exec: ExecutionRecord,
  op: Operation,
  status: OperationStatus,
  outcome: { result?: string; error?: ErrorObject },
): void {
  if (exec.terminal || op.Status !== "STARTED") return;
  const now = core.runtime.clock.date();
  endOperation(exec, op, status, now);
  const details: Operation["ChainedInvokeDetails"] = {};
  if (outcome.result !== undefined) details.Result = outcome.result;
  if (outcome.error !== undefined) details.Error = copyError(outcome.error);
  op.ChainedInvokeDetails = details;
  if (status === "SUCCEEDED") {
    recordOperationEvent(exec, op, "ChainedInvokeSucceeded", now, {
      Result: payloadOf(outcome.result),
    });
  } else {
    const type =
      UNSUCCESSFUL_EVENTS[status as keyof typeof UNSUCCESSFUL_EVENTS] ?? "ChainedInvokeFailed";
    recordOperationEvent(exec, op, type, now, { Error: errorOf(outcome.error) });
  }
  markChanged(core, exec, op);
}
