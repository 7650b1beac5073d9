/**
 * When time skipping may jump the virtual clock to a timer of an execution (see
 * `SkipGate`). Timers an execution sets for itself (waits, retries, invocation retries) are
 * skipped once it is idle. Timers that someone outside may still beat (callback and
 * heartbeat timeouts) are skipped only after a real-time grace in which nobody answered, and a
 * heartbeat timeout that has received a heartbeat is never skipped: a live heart-beater sets
 * its pace. The execution timeout of an execution that only waits for input is never skipped.
 */
import { realNow } from "../../../timers/real-timers";
import type { ExecutionRecord } from "../state/execution-record";
import { isBlocked } from "../state/execution-progress";
import type { ExecutionStore } from "../state/execution-store";
import type { SkipGate } from "./scheduler";
import type { ServiceCore } from "../service-core";

/** Default real milliseconds of silence before a callback or heartbeat timeout may be skipped. */
export const DEFAULT_CALLBACK_GRACE_MS = 1000;

/**
 * Real milliseconds without a service call after which a running invocation no longer holds
 * its execution's own waits and retries back (a handler stuck on a faked timer, or a test that
 * timed out, must not stop time for everyone else).
 */
export const STALLED_INVOCATION_MS = 5000;

/** True while an execution (or a chained-invoke child it waits on) runs or is about to run code. */
export function isBusy(store: ExecutionStore, exec: ExecutionRecord): boolean {
  if (exec.terminal) return false;
  if (exec.invocationScheduled || exec.current?.active || exec.targetsInFlight > 0) return true;
  for (const op of exec.order) {
    if (op.Type === "CHAINED_INVOKE" && op.Status === "STARTED") {
      const child = store.childOf(op);
      if (child && isBusy(store, child)) return true;
    }
  }
  return false;
}

/** Gate of the timers an execution sets for itself: jump once it is idle (or its invocation stalled). */
export function ownTimerGate(core: ServiceCore, exec: ExecutionRecord): SkipGate {
  return () => {
    if (!isBusy(core.store, exec)) return 0;
    if (!exec.current?.active) return Infinity;
    const quiet = realNow() - exec.lastActivity;
    return quiet >= STALLED_INVOCATION_MS ? 0 : STALLED_INVOCATION_MS - quiet;
  };
}

/**
 * Gate of a timer someone outside may beat: jump only when the execution is idle and nobody
 * has called it for the grace period (`callbackGraceMs`; `Infinity`: never jump).
 */
export function externalTimerGate(
  core: ServiceCore,
  exec: ExecutionRecord,
  heartbeatSeen: () => boolean = () => false,
): SkipGate {
  return () => {
    const grace = core.options.callbackGraceMs ?? DEFAULT_CALLBACK_GRACE_MS;
    if (!Number.isFinite(grace) || heartbeatSeen()) return Infinity;
    if (isBusy(core.store, exec)) return Infinity;
    const quiet = realNow() - exec.lastActivity;
    return quiet >= grace ? 0 : grace - quiet;
  };
}

/**
 * Gate of the execution timeout: skipped over like a wait while the execution waits for its
 * own timers; never while it runs code or only waits for input from outside (a callback
 * without timeout must be able to wait as long as the service would let it).
 */
export function executionTimeoutGate(core: ServiceCore, exec: ExecutionRecord): SkipGate {
  return () => (isBusy(core.store, exec) || isBlocked(core.store, exec) ? Infinity : 0);
}
