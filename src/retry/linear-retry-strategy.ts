import type { LinearRetryStrategyConfig, RetryDecision } from "../types/retry";
import { validDurationSeconds, validFiniteNumber } from "./config-validation";
import { createErrorFilter } from "./error-filter";
import { JitterStrategy } from "../types/retry";
import { jitteredDelaySeconds } from "./jitter";

const FACTORY = "createLinearRetryStrategy";

/**
 * Creates a retry strategy whose delay grows by a fixed step. After attempt `n`
 * fails it retries while `n < maxAttempts` and the error is retryable, waiting
 * `min(initialDelay + increment * (n-1), maxDelay)` seconds, jittered and rounded
 * (at least 1 s). Defaults: 6 attempts, 1 s initial delay, 1 s increment, 5 min cap,
 * FULL jitter; `jitterStrategy` is accepted as an older name of `jitter`.
 *
 * Options given as `undefined` count as not given. Invalid values (a negative or
 * non-finite `maxAttempts`, a duration of negative or non-finite length) throw a
 * `TypeError` naming the option when the strategy is created.
 *
 * @example
 * ```ts
 * // 5 attempts, waiting 2 s, 4 s, 6 s, 8 s between them, only for throttling errors.
 * const retryStrategy = createLinearRetryStrategy({
 *   maxAttempts: 5,
 *   initialDelay: { seconds: 2 },
 *   increment: { seconds: 2 },
 *   retryableErrors: [/throttl/i],
 * });
 * await context.step("call-api", callApi, { retryStrategy });
 * ```
 */
export function createLinearRetryStrategy(
  config: LinearRetryStrategyConfig = {},
): (error: Error, attemptsMade: number) => RetryDecision {
  const maxAttempts = validFiniteNumber(FACTORY, "maxAttempts", config.maxAttempts ?? 6, ">= 0");
  const initialSeconds = validDurationSeconds(
    FACTORY,
    "initialDelay",
    config.initialDelay ?? { seconds: 1 },
  );
  const incrementSeconds = validDurationSeconds(
    FACTORY,
    "increment",
    config.increment ?? { seconds: 1 },
  );
  const maxSeconds = validDurationSeconds(FACTORY, "maxDelay", config.maxDelay ?? { minutes: 5 });
  const jitter = config.jitter ?? config.jitterStrategy ?? JitterStrategy.FULL;
  const isRetryable = createErrorFilter(config);

  return (error, attemptsMade) => {
    if (attemptsMade >= maxAttempts || !isRetryable(error)) return { shouldRetry: false };
    const base = Math.min(initialSeconds + incrementSeconds * (attemptsMade - 1), maxSeconds);
    return { shouldRetry: true, delay: { seconds: jitteredDelaySeconds(base, jitter) } };
  };
}
