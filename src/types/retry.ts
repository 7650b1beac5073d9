import type { Duration } from "./duration";

/**
 * How a computed retry or polling delay is randomised.
 *
 * @example
 * ```ts
 * const retryStrategy = createRetryStrategy({ maxAttempts: 4, jitter: JitterStrategy.HALF });
 * ```
 */
export enum JitterStrategy {
  /** Use the delay as computed. */
  NONE = "NONE",
  /** Pick uniformly in `[0, delay)`. */
  FULL = "FULL",
  /** Pick uniformly in `[delay / 2, delay)`. */
  HALF = "HALF",
}

/**
 * What a retry strategy decides after a failed attempt.
 *
 * @example
 * ```ts
 * const retryStrategy = (error: Error, attempt: number): RetryDecision =>
 *   attempt < 3 && error.message.includes("timeout")
 *     ? { shouldRetry: true, delay: { seconds: 10 * attempt } }
 *     : { shouldRetry: false };
 * ```
 */
export interface RetryDecision {
  /** Whether to run another attempt. */
  shouldRetry: boolean;
  /** Pause before the next attempt; only read when retrying, `{ seconds: 1 }` if omitted. */
  delay?: Duration;
}

/**
 * Execution guarantee of a step, per attempt.
 *
 * @example
 * ```ts
 * await context.step("charge", async () => chargeCard(order), {
 *   semantics: StepSemantics.AtMostOncePerRetry,
 * });
 * ```
 */
export enum StepSemantics {
  /** Wait for the START record before running, and never re-run an interrupted attempt. */
  AtMostOncePerRetry = "AT_MOST_ONCE_PER_RETRY",
  /** Run right away; an attempt whose result was not saved runs again (the default). */
  AtLeastOncePerRetry = "AT_LEAST_ONCE_PER_RETRY",
}

/** Constructor of an error class that should be retried (matched with `instanceof`). */
export type RetryableErrorType = abstract new (...args: never[]) => Error;

/** Which errors a retry strategy retries. Leaving both lists unset retries every error. */
export interface RetryableErrorFilter {
  /** Message patterns: a string matches when contained in the message, a RegExp when it matches. */
  retryableErrors?: (string | RegExp)[];
  /** Error classes retried when the error is an instance of one of them. */
  retryableErrorTypes?: RetryableErrorType[];
}

/**
 * Options of `createRetryStrategy` (exponential backoff).
 *
 * @example
 * ```ts
 * const config: RetryStrategyConfig = { maxAttempts: 6, initialDelay: { seconds: 2 }, backoffRate: 2 };
 * await context.step("sync", sync, { retryStrategy: createRetryStrategy(config) });
 * ```
 */
export interface RetryStrategyConfig extends RetryableErrorFilter {
  /** Total attempts including the first; 3 by default. */
  maxAttempts?: number;
  /** Delay before the first retry; 5 seconds by default. */
  initialDelay?: Duration;
  /** Cap of the delay before jitter; 5 minutes by default. */
  maxDelay?: Duration;
  /** Factor applied to the delay after each attempt; 2 by default. */
  backoffRate?: number;
  /** Older spelling of `backoffRate`; ignored when `backoffRate` is given. */
  exponentialDelayFactor?: number;
  /** Randomisation of the capped delay; `FULL` by default. */
  jitter?: JitterStrategy;
  /** Older spelling of `jitter`; ignored when `jitter` is given. */
  jitterStrategy?: JitterStrategy;
}

/**
 * Options of `createLinearRetryStrategy` (delay grows by a fixed step).
 *
 * @example
 * ```ts
 * const config: LinearRetryStrategyConfig = { maxAttempts: 4, initialDelay: { seconds: 5 }, increment: { seconds: 5 } };
 * const retryStrategy = createLinearRetryStrategy(config);
 * ```
 */
export interface LinearRetryStrategyConfig extends RetryableErrorFilter {
  /** Total attempts including the first; 6 by default. */
  maxAttempts?: number;
  /** Delay before the first retry; 1 second by default. */
  initialDelay?: Duration;
  /** Added to the delay after each attempt; 1 second by default. */
  increment?: Duration;
  /** Cap of the delay before jitter; 5 minutes by default. */
  maxDelay?: Duration;
  /** Randomisation of the capped delay; `FULL` by default. */
  jitter?: JitterStrategy;
  /** Older spelling of `jitter`; ignored when `jitter` is given. */
  jitterStrategy?: JitterStrategy;
}

/**
 * Options of `createWaitStrategy`, the polling policy of `waitForCondition`.
 *
 * @example
 * ```ts
 * const config: WaitStrategyConfig<{ done: boolean }> = {
 *   shouldContinuePolling: (state) => !state.done,
 *   initialDelay: { seconds: 5 },
 *   maxDelay: { minutes: 2 },
 * };
 * const waitStrategy = createWaitStrategy(config);
 * ```
 */
export interface WaitStrategyConfig<T> {
  /** Number of checks after which polling fails; 60 by default. */
  maxAttempts?: number;
  /** Delay after the first check; 5 seconds by default. */
  initialDelay?: Duration;
  /** Cap of the delay before jitter; 300 seconds by default. */
  maxDelay?: Duration;
  /** Factor applied to the delay after each check; 1.5 by default. */
  backoffRate?: number;
  /** Older spelling of `backoffRate`; ignored when `backoffRate` is given. */
  exponentialDelayFactor?: number;
  /** Randomisation of the capped delay; `FULL` by default. */
  jitter?: JitterStrategy;
  /** Older spelling of `jitter`; ignored when `jitter` is given. */
  jitterStrategy?: JitterStrategy;
  /** Returns true while the checked state means "not done yet". Required. */
  shouldContinuePolling: (result: T) => boolean;
  /** Accepted for compatibility; it has no effect. */
  timeoutSeconds?: number;
}
