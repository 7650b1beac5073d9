import type { ExecutionRuntime } from "../context/execution-runtime";
import { StepTimeoutError } from "../errors/durable-operation-errors";
import { LambdaTimeRunningOutError } from "../errors/lambda-time-running-out-error";
import { clearTimeout, setImmediate, setTimeout } from "../timers/node-timers";

/**
 * Lambda time kept in reserve: an attempt still running when less than this is left is
 * abandoned and the invocation ends (after sending what is queued), before Lambda's own
 * timeout can cut a checkpoint in half.
 */
export const LAMBDA_TIME_MARGIN_MS = 1_000;

/** Longest delay `setTimeout` honours; a longer remaining time is treated as unlimited. */
const MAX_TIMER_MS = 2_147_483_647;

/** The limits of one attempt of user code. */
export interface AttemptLimits {
  /** Who runs, for messages: `step "fetch"`. */
  readonly label: string;
  readonly attempt: number;
  /** The attempt fails with a {@link StepTimeoutError} after this many seconds. */
  readonly timeoutSeconds?: number;
}

/**
 * Runs `body` with the attempt's `AbortSignal` (made on first read: most bodies never read
 * it) and settles as it does, unless a limit is reached first:
 * - the attempt's timeout: the signal aborts and the result rejects with a
 *   {@link StepTimeoutError};
 * - less than {@link LAMBDA_TIME_MARGIN_MS} of Lambda time left: the signal aborts with a
 *   {@link LambdaTimeRunningOutError}, the result never settles (nothing is recorded for the
 *   attempt) and the invocation ends once the queued checkpoints are sent.
 *
 * Either way the body is abandoned: whatever it returns or throws later is ignored.
 */
export function runWithinLimits<S>(
  runtime: ExecutionRuntime,
  limits: AttemptLimits,
  body: (signal: () => AbortSignal) => Promise<S>,
): Promise<S> {
  const { label, attempt, timeoutSeconds } = limits;
  let made: AbortController | undefined;
  const controller = () => (made ??= new AbortController());
  const timers: NodeJS.Timeout[] = [];
  let settled = false;
  const settle = (): boolean => {
    if (settled) return false;
    settled = true;
    for (const timer of timers) clearTimeout(timer);
    return true;
  };
  return new Promise<S>((resolve, reject) => {
    if (timeoutSeconds !== undefined) {
      timers.push(
        setTimeout(() => {
          if (!settle()) return;
          const error = new StepTimeoutError(
            `${label}: attempt ${attempt} timed out after ${timeoutSeconds} s`,
          );
          controller().abort(error);
          reject(error);
        }, timeoutSeconds * 1000),
      );
    }
    // The guard against Lambda's timeout is armed only for an attempt still running once the
    // current turn of the event loop is over: most attempts have settled by then and never
    // pay for a timer (nor, in a cold process, for Node setting its timers up).
    setImmediate(() => {
      const remaining = runtime.lambdaContext.getRemainingTimeInMillis?.();
      const untilMargin = typeof remaining === "number" ? remaining - LAMBDA_TIME_MARGIN_MS : NaN;
      if (settled || !(untilMargin > 0 && untilMargin <= MAX_TIMER_MS)) return;
      const guard = setTimeout(() => {
        if (!settle()) return;
        const error = new LambdaTimeRunningOutError(
          `${label}: attempt ${attempt} abandoned because the Lambda invocation has less than ` +
            `${LAMBDA_TIME_MARGIN_MS} ms left; it runs again in the next invocation`,
        );
        controller().abort(error);
        void runtime.failInvocationAfterFlush(error);
      }, untilMargin);
      // A safety net only: it must not keep a finished process alive.
      guard.unref?.();
      timers.push(guard);
    });
    let work: Promise<S>;
    try {
      work = body(() => controller().signal);
    } catch (error) {
      work = Promise.reject(error);
    }
    work.then(
      (value) => settle() && resolve(value),
      (error: unknown) => settle() && reject(error),
    );
  });
}
