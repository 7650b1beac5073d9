import { runInScope } from "../context/active-scope";
import type { AttemptInfo } from "../plugins/plugin-types";
import type { StepContext } from "../types/operation-configs";
import { runWithinLimits, type AttemptLimits } from "./attempt-limits";
import type { OperationCall } from "./lifecycle";

/**
 * Runs one attempt of user code (a step function or a waitForCondition check) in a step
 * scope — durable calls inside it are misuse — counted as executing, with the plugin attempt
 * hooks around it, within its limits ({@link runWithinLimits}). The user code gets the
 * attempt's context: the operation logger, the attempt number and its `AbortSignal`. Resolves or rejects as the user code did, or with a
 * `StepTimeoutError` at the timeout.
 */
export async function runUserAttempt<S>(
  op: OperationCall,
  check: (context: StepContext) => Promise<S>,
  limits: AttemptLimits,
): Promise<S> {
  const { ctx, runtime } = op;
  const { attempt } = limits;
  const { plugins, verifier } = runtime;
  // Verify-only replay: report the user code instead of running it. The operation then waits
  // on the service for good, so the invocation suspends once nothing else can progress.
  if (verifier) {
    verifier.wouldRun(op);
    return op.waitFor(() => false, undefined) as Promise<never>;
  }
  const attemptInfo: AttemptInfo | undefined = plugins.active
    ? { ...op.pluginInfo(attempt > 1), attempt, startTimestamp: new Date() }
    : undefined;
  if (attemptInfo) await plugins.notify("onOperationAttemptStart", attemptInfo);
  const call = (signal: () => AbortSignal) => (): Promise<S> =>
    runInScope(
      {
        kind: "step",
        contextId: ctx.rawId,
        stepId: op.rawId,
        operationId: op.id,
        operationName: op.name,
        attempt,
      },
      () =>
        check({
          logger: ctx.operationLogger,
          attempt,
          // The AbortController is made only if user code reads the signal.
          get signal() {
            return signal();
          },
        }),
    );
  try {
    const value = await runtime.runExecuting(() =>
      runWithinLimits(runtime, limits, (signal) =>
        attemptInfo
          ? plugins.wrap("wrapOperationAttemptFn", attemptInfo, call(signal))
          : call(signal)(),
      ),
    );
    if (attemptInfo) {
      // The operation info may still carry the error of an earlier failed attempt.
      const { error: _earlier, ...succeeded } = attemptInfo;
      await plugins.notify("onOperationAttemptEnd", {
        ...succeeded,
        outcome: "SUCCEEDED",
        endTimestamp: new Date(),
      });
    }
    return value;
  } catch (error) {
    if (attemptInfo) {
      await plugins.notify("onOperationAttemptEnd", {
        ...attemptInfo,
        outcome: "FAILED",
        endTimestamp: new Date(),
        error: error instanceof Error ? error : new Error(String(error)),
      });
    }
    throw error;
  }
}
