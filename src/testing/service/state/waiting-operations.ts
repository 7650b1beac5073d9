/**
 * What a blocked execution waits for: its open callbacks, and those of the chained-invoke
 * children it waits on, for the "still waiting" report of the test runner and the CLI.
 */
import type { ExecutionRecord } from "./execution-record";
import type { ExecutionStore } from "./execution-store";

/**
 * One open callback somewhere in an execution's tree of chained invokes.
 *
 * @example
 * ```ts
 * for (const callback of service.waitingCallbacks(arn)) console.log(callback.callbackId);
 * ```
 */
export interface WaitingCallback {
  /** ARN of the execution that owns the callback. */
  readonly executionArn: string;
  /** Operation id of the callback. */
  readonly operationId: string;
  /** Name of the callback operation, or of its `waitForCallback` parent context. */
  readonly name?: string;
  /** The id to answer with (`SendDurableExecutionCallbackSuccess/Failure/Heartbeat`). */
  readonly callbackId?: string;
  /** Seconds after which it times out, when it has a timeout. */
  readonly timeoutSeconds?: number;
}

/** Open callbacks of `exec` and of the running chained-invoke children it waits on. */
export function waitingCallbacks(store: ExecutionStore, exec: ExecutionRecord): WaitingCallback[] {
  const out: WaitingCallback[] = [];
  for (const op of exec.order) {
    if (op.Status !== "STARTED") continue;
    if (op.Type === "CALLBACK") {
      const parent = op.ParentId ? exec.operations.get(op.ParentId) : undefined;
      out.push({
        executionArn: exec.arn,
        operationId: op.Id,
        name: op.Name ?? parent?.Name,
        callbackId: op.CallbackDetails?.CallbackId,
      });
    } else if (op.Type === "CHAINED_INVOKE") {
      const child = store.childOf(op);
      if (child && !child.terminal) out.push(...waitingCallbacks(store, child));
    }
  }
  return out;
}
