import type { RetryDecision, RetryStrategyConfig } from "../types/retry";
import { validDurationSeconds, validFiniteNumber } from "./config-validation";
import { createErrorFilter } from "./error-filter";
import { JitterStrategy } from "../types/retry";
import { jitteredDelaySeconds } from "./jitter";

const FACTORY = "createRetryStrategy";

/**
 * Creates an exponential-backoff retry strategy. After attempt `n` fails it retries
 * while `n < maxAttempts` and the error is retryable, waiting
 * `min(initialDelay * backoffRate^(n-1), maxDelay)` seconds, jittered and rounded
 * (at least 1 s). Defaults: 3 attempts, 5 s initial delay, 5 min cap, rate 2, FULL
 * jitter. The older option names `exponentialDelayFactor` and `jitterStrategy` are
 * accepted; the current names win when both are set.
 *
 * Options given as `undefined` count as not given (their default applies). Invalid
 * values (a negative or non-finite `maxAttempts`, a `backoffRate` that is not a
 * positive finite number, a duration of negative or non-finite length) throw a
 * `TypeError` naming the option when the strategy is created.
 *
 * @example
 * ```ts
 * const retryStrategy = createRetryStrategy({
 *   maxAttempts: 5,
 *   initialDelay: { seconds: 1 },
 *   maxDelay: { minutes: 1 },
 *   backoffRate: 3,
 *   retryableErrorTypes: [NetworkError],
 * });
 * await context.step("sync", syncAccount, { retryStrategy });
 * ```
 */
export function createRetryStrategy(
  config: RetryStrategyConfig = {},
): (error: Error, attemptsMade: number) => RetryDecision {
  const maxAttempts = validFiniteNumber(FACTORY, "maxAttempts", config.maxAttempts ?? 3, ">= 0");
  const initialSeconds = validDurationSeconds(
    FACTORY,
    "initialDelay",
    config.initialDelay ?? { seconds: 5 },
  );
  const maxSeconds = validDurationSeconds(FACTORY, "maxDelay", config.maxDelay ?? { minutes: 5 });
  const backoffRate =
    config.backoffRate !== undefined
      ? validFiniteNumber(FACTORY, "backoffRate", config.backoffRate, "> 0")
      : validFiniteNumber(
          FACTORY,
          "exponentialDelayFactor",
          config.exponentialDelayFactor ?? 2,
          "> 0",
        );
  const jitter = config.jitter ?? config.jitterStrategy ?? JitterStrategy.FULL;
  const isRetryable = createErrorFilter(config);

  return (error, attemptsMade) => {
    if (attemptsMade >= maxAttempts || !isRetryable(error)) return { shouldRetry: false };
    const base = Math.min(initialSeconds * backoffRate ** (attemptsMade - 1), maxSeconds);
    return { shouldRetry: true, delay: { seconds: jitteredDelaySeconds(base, jitter) } };
  };
}
