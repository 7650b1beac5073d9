/**
 * Whether an execution can still move on by itself, or only through an external call (a
 * callback completion, a stop); used for time skipping and for the runner's "blocked" signal.
 */
import type { ExecutionRecord } from "./execution-record";
import type { ExecutionStore } from "./execution-store";

/**
 * True when a running execution has no invocation running or due, no timer of its own except
 * the execution timeout, and every chained invoke in progress waits on a blocked child.
 */
export function isBlocked(store: ExecutionStore, exec: ExecutionRecord): boolean {
  if (exec.terminal || exec.invocationScheduled || exec.current?.active) return false;
  if (exec.targetsInFlight > 0 || exec.timerCount > 1) return false;
  for (const op of exec.order) {
    if (op.Type === "CHAINED_INVOKE" && op.Status === "STARTED") {
      const child = store.childOf(op);
      if (!child || !isBlocked(store, child)) return false;
    }
  }
  return true;
}

/** Tells the observers of a blocked execution, and of its ancestors, that it is blocked. */
export function notifyIfBlocked(store: ExecutionStore, exec: ExecutionRecord): void {
  if (!isBlocked(store, exec)) return;
  for (let e: ExecutionRecord | undefined = exec; e; e = e.parent?.execution) {
    for (const o of e.observers) o.onBlocked?.();
  }
}
