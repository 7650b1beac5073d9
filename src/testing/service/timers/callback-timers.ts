/**
 * The service side of a callback operation: minting its id, arming its timeout and heartbeat
 * timers, timing it out, and finishing it.
 */
import type { CallbackOptions, ErrorObject, Operation, OperationStatus } from "../../../types/wire";
import type { CallbackTimers, ExecutionRecord } from "../state/execution-record";
import { errorOf } from "../state/history-event";
import { encodeCallbackId, newUuid } from "../protocol/identifiers";
import { endOperation, recordOperationEvent } from "../state/operation-events";
import { markChanged, type ServiceCore } from "../service-core";
import { externalTimerGate } from "./skip-gates";

/** Mints the callback id of a new callback operation and arms its timers; returns the id. */
export function startCallback(
  core: ServiceCore,
  exec: ExecutionRecord,
  op: Operation,
  options: CallbackOptions | undefined,
): string {
  const nonce = newUuid();
  const callbackId = encodeCallbackId({ executionId: exec.id, operationId: op.Id, nonce });
  const timers: CallbackTimers = { nonce };
  const now = op.StartTimestamp?.getTime() ?? core.runtime.clock.now();
  if (options?.TimeoutSeconds) {
    const due = now + options.TimeoutSeconds * 1000;
    timers.timeout = core.runtime.execTimer(
      exec,
      due,
      () => timeOutCallback(core, exec, op, "Callback.Timeout", "Callback timed out", due),
      { gate: externalTimerGate(core, exec) },
    );
  }
  if (options?.HeartbeatTimeoutSeconds) {
    timers.heartbeatSeconds = options.HeartbeatTimeoutSeconds;
    armHeartbeat(core, exec, op, timers, now);
  }
  exec.setCallbackTimers(op.Id, timers);
  return callbackId;
}

/** (Re)arms a callback's heartbeat timer to fire `heartbeatSeconds` after `from` (epoch ms). */
export function armHeartbeat(
  core: ServiceCore,
  exec: ExecutionRecord,
  op: Operation,
  timers: CallbackTimers,
  from: number,
): void {
  const due = from + (timers.heartbeatSeconds as number) * 1000;
  timers.heartbeat = core.runtime.execTimer(
    exec,
    due,
    () =>
      timeOutCallback(core, exec, op, "Callback.Heartbeat", "Callback timed out on heartbeat", due),
    { gate: externalTimerGate(core, exec, () => timers.heartbeatSeen === true) },
  );
}

/**
 * Ends an open callback: cancels its timers, moves it to a final `status` at `now`, records
 * `eventType` with `details`, and delivers the change to the function.
 */
export function finishCallback(
  core: ServiceCore,
  exec: ExecutionRecord,
  op: Operation,
  status: OperationStatus,
  now: Date,
  eventType: "CallbackSucceeded" | "CallbackFailed" | "CallbackTimedOut",
  details: object,
): void {
  const timers = exec.callbackTimers(op.Id);
  timers?.timeout?.cancel();
  timers?.heartbeat?.cancel();
  endOperation(exec, op, status, now);
  recordOperationEvent(exec, op, eventType, now, details);
  markChanged(core, exec, op);
}

function timeOutCallback(
  core: ServiceCore,
  exec: ExecutionRecord,
  op: Operation,
  errorType: string,
  message: string,
  due: number,
): void {
  if (exec.terminal || op.Status !== "STARTED") return;
  const now = new Date(due);
  const error: ErrorObject = { ErrorType: errorType, ErrorMessage: message };
  (op.CallbackDetails ??= {}).Error = error;
  finishCallback(core, exec, op, "TIMED_OUT", now, "CallbackTimedOut", { Error: errorOf(error) });
}
