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
    ownTimerGate(core, exec),
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
    ownTimerGate(core, exec),
  );
}
