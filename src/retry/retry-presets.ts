import type { RetryDecision } from "../types/retry";
import { JitterStrategy } from "../types/retry";
import { createLinearRetryStrategy } from "./linear-retry-strategy";
import { createRetryStrategy } from "./retry-strategy";

/**
 * The strategy steps use when none is given (`retryPresets.default`): 6 attempts, exponential
 * 5, 10, 20, 40, 60 s (capped at 60 s) with FULL jitter.
 */
export const defaultRetryStrategy: (error: Error, attemptsMade: number) => RetryDecision =
  createRetryStrategy({
    maxAttempts: 6,
    initialDelay: { seconds: 5 },
    maxDelay: { seconds: 60 },
    backoffRate: 2,
    jitter: JitterStrategy.FULL,
  });

/**
 * Ready-made retry strategies:
 * - `default`: 6 attempts, exponential 5, 10, 20, 40, 60 s (capped at 60 s) with FULL
 *   jitter; the strategy steps use when none is given.
 * - `linear`: 6 attempts, 1, 2, 3, 4, 5 s without jitter.
 * - `noRetry`: a single attempt.
 *
 * @example
 * ```ts
 * await context.step("notify", sendMail, { retryStrategy: retryPresets.linear });
 * await context.step("charge", chargeCard, { retryStrategy: retryPresets.noRetry });
 * ```
 */
export const retryPresets: {
  default: (error: Error, attemptsMade: number) => RetryDecision;
  linear: (error: Error, attemptsMade: number) => RetryDecision;
  noRetry: (error: Error, attemptsMade: number) => RetryDecision;
} = {
  // The other presets are marked pure (and name the jitter by its value: a member access
  // would count as a side effect) so that a bundle that never reads them leaves them out,
  // with createLinearRetryStrategy; steps use defaultRetryStrategy directly.
  default: defaultRetryStrategy,
  linear: /* @__PURE__ */ createLinearRetryStrategy({
    maxAttempts: 6,
    initialDelay: { seconds: 1 },
    increment: { seconds: 1 },
    jitter: "NONE" as JitterStrategy.NONE,
  }),
  noRetry: /* @__PURE__ */ createRetryStrategy({ maxAttempts: 1 }),
};
