import type { WaitForConditionDecision } from "../types/operation-configs";
import type { WaitStrategyConfig } from "../types/retry";
import { validDurationSeconds, validFiniteNumber } from "./config-validation";
import { JitterStrategy } from "../types/retry";
import { jitteredDelaySeconds } from "./jitter";

const FACTORY = "createWaitStrategy";

/**
 * Creates the polling policy of `waitForCondition`. After check `n` it stops when
 * `shouldContinuePolling(state)` is false, throws
 * `Error("waitForCondition exceeded maximum attempts (<maxAttempts>)")` once
 * `n >= maxAttempts`, and otherwise waits
 * `min(initialDelay * backoffRate^(n-1), maxDelay)` seconds, jittered and rounded
 * (at least 1 s). Defaults: 60 attempts, 5 s initial delay, 300 s cap, rate 1.5,
 * FULL jitter. The older names `exponentialDelayFactor` and `jitterStrategy` are
 * accepted; `timeoutSeconds` is accepted and ignored.
 *
 * Options given as `undefined` count as not given. A missing `shouldContinuePolling`
 * and invalid values (a negative or non-finite `maxAttempts`, a `backoffRate` that is
 * not a positive finite number, a duration of negative or non-finite length) throw a
 * `TypeError` naming the option when the strategy is created.
 *
 * @example
 * ```ts
 * const waitStrategy = createWaitStrategy<{ status: string }>({
 *   shouldContinuePolling: (state) => state.status === "PENDING",
 *   initialDelay: { seconds: 10 },
 *   maxAttempts: 30,
 * });
 * await context.waitForCondition("poll", checkStatus, { initialState: { status: "PENDING" }, waitStrategy });
 * ```
 */
export function createWaitStrategy<T>(
  config: WaitStrategyConfig<T>,
): (result: T, attemptsMade: number) => WaitForConditionDecision {
  const shouldContinuePolling = config?.shouldContinuePolling;
  if (typeof shouldContinuePolling !== "function") {
    throw new TypeError(`${FACTORY}: shouldContinuePolling must be a function`);
  }
  const maxAttempts = validFiniteNumber(FACTORY, "maxAttempts", config.maxAttempts ?? 60, ">= 0");
  const initialSeconds = validDurationSeconds(
    FACTORY,
    "initialDelay",
    config.initialDelay ?? { seconds: 5 },
  );
  const maxSeconds = validDurationSeconds(FACTORY, "maxDelay", config.maxDelay ?? { seconds: 300 });
  const backoffRate =
    config.backoffRate !== undefined
      ? validFiniteNumber(FACTORY, "backoffRate", config.backoffRate, "> 0")
      : validFiniteNumber(
          FACTORY,
          "exponentialDelayFactor",
          config.exponentialDelayFactor ?? 1.5,
          "> 0",
        );
  const jitter = config.jitter ?? config.jitterStrategy ?? JitterStrategy.FULL;

  return (result, attemptsMade) => {
    if (!shouldContinuePolling(result)) return { shouldContinue: false };
    if (attemptsMade >= maxAttempts) {
      throw new Error(`waitForCondition exceeded maximum attempts (${maxAttempts})`);
    }
    const base = Math.min(initialSeconds * backoffRate ** (attemptsMade - 1), maxSeconds);
    return { shouldContinue: true, delay: { seconds: jitteredDelaySeconds(base, jitter) } };
  };
}
