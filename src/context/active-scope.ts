import { AsyncLocalStorage } from "node:async_hooks";

/** Where user code is currently running, tracked across awaits. */
export interface ActiveScope {
  /** "context": a handler or child-context body; "step": a step, check or submitter function. */
  readonly kind: "context" | "step";
  /** Raw id of the context whose methods may be called here (undefined for the root). */
  readonly contextId: string | undefined;
  /** Raw id of the running step (kind "step" only). */
  readonly stepId?: string;
  /** Wire id and name of the enclosing operation, for log metadata. */
  readonly operationId?: string;
  readonly operationName?: string;
  /** Attempt number inside a step or check. */
  readonly attempt?: number;
}

const storage = new AsyncLocalStorage<ActiveScope | undefined>();

/**
 * Runs `fn` with `scope` as the active scope for everything it awaits; `undefined` runs it
 * outside every scope (the root handler). Entering the scope already active costs nothing:
 * async-context tracking (a hook on every promise) stays off until a real scope is entered.
 */
export function runInScope<T>(scope: ActiveScope | undefined, fn: () => T): T {
  return storage.run(scope, fn);
}

/**
 * The scope of the code running now; `undefined` for the root handler's code, which runs
 * outside every scope so that an invocation running no user code in a step or child context
 * (a replay) never turns on async-context tracking and its cost on every promise.
 */
export function currentScope(): ActiveScope | undefined {
  return storage.getStore();
}
