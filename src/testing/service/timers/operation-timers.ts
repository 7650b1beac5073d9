/** Timers that move operations on by themselves: a wait's end, and a step's next retry. */
import type { Operation } from "../../../types/wire";
import type { ExecutionRecord } from "../state/execution-record";
import { endOperation, recordOperationEvent } from "../state/operation-events";
import { markChanged, type ServiceCore } from "../service-core";
import { ownTimerGate } from "./skip-gates";

/** Arms the timer that completes a STARTED wait at `due` (epoch ms). */
export function startWaitTimer(
  core: ServiceCore,
  exec: ExecutionRecord,
  op: Operation,
  due: number,
): void {
  const timer = core.runtime.execTimer(
    exec,
    due,
    () => {
      exec.dropWaitTimer(op.Id);
      if (exec.terminal || op.Status !== "STARTED") return;
      const now = new Date(due);
      endOperation(exec, op, "SUCCEEDED", now);
      const start = op.StartTimestamp?.getTime() ?? due;
      recordOperationEvent(exec, op, "WaitSucceeded", now, {
        Duration: Math.round((due - start) / 1000),
      });
      markChanged(core, exec, op);
    },
    { gate: ownTimerGate(core, exec), group: exec, reach: creationSpan(exec) },
  );
  exec.setWaitTimer(op.Id, timer);
}

/** Arms the timer that moves a PENDING step to READY at `due` (epoch ms). */
export function scheduleRetry(
  core: ServiceCore,
  exec: ExecutionRecord,
  op: Operation,
  due: number,
): void {
  core.runtime.execTimer(
    exec,
    due,
    () => {
      if (exec.terminal || op.Status !== "PENDING") return;
      exec.setStatus(op, "READY");
      markChanged(core, exec, op);
    },
    { gate: ownTimerGate(core, exec), group: exec, reach: creationSpan(exec) },
  );
}

/**
 * Longest span of one invocation whose timers fall due together when time is skipped.
 * A timer started in the first millisecond of an invocation and one of the same duration
 * started in its last checkpoint are this far apart at most.
 */
export const MAX_COALESCED_SPAN_MS = 1000;

/**
 * The reach of a timer set now (see `TimerOptions.group`): the span of the invocation that
 * sets it, up to {@link MAX_COALESCED_SPAN_MS}. Timers an invocation sets with one duration
 * (say, every item of a map waits a minute) thus fall due together, whichever checkpoint
 * of the invocation carried them, instead of a few milliseconds apart with one re-invocation
 * each; the history still shows each one ending at its own due time.
 */
function creationSpan(exec: ExecutionRecord): () => number {
  const invocation = exec.current;
  return () => Math.min(invocation?.span ?? 0, MAX_COALESCED_SPAN_MS);
}
