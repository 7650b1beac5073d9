import {
  CompletionOutcome,
  type CompletionConfig,
  type CompletionDecision,
  type CompletionItemStatus,
  type CompletionReason,
  type CompletionStatus,
} from "../../types/batch";

/**
 * A `shouldComplete` decision that lets the batch go on.
 *
 * @example
 * ```ts
 * const shouldComplete = (s: CompletionStatus) =>
 *   s.failureCount > 3 ? completeBatch(CompletionOutcome.FAILED) : continueBatch();
 * ```
 */
export const continueBatch = (): CompletionDecision => ({ complete: false });

/**
 * A `shouldComplete` decision that ends the batch now, as succeeded unless told otherwise.
 *
 * @example
 * ```ts
 * await context.map("find-one", candidates, check, {
 *   completionConfig: {
 *     shouldComplete: (s) => (s.successCount >= 1 ? completeBatch() : continueBatch()),
 *   },
 * });
 * ```
 */
export const completeBatch = (
  outcome: CompletionOutcome = CompletionOutcome.SUCCEEDED,
): CompletionDecision => ({ complete: true, outcome });

/** Counts the engine keeps while a batch runs. */
export interface BatchProgress {
  successCount: number;
  failureCount: number;
  totalCount: number;
  /** Builds the per-item view; only called for a custom predicate. */
  items: () => readonly CompletionItemStatus[];
}

/** What the policy says after an item settled. */
export type CompletionVerdict = { stop: false } | { stop: true; reason: CompletionReason };

const CONTINUE: CompletionVerdict = { stop: false };

/**
 * Decides, after an item settled (or for an empty batch), whether the batch ends now and
 * why: a custom predicate first, then fail-fast without an effective config, then the
 * failure tolerances, "all settled", and finally `minSuccessful`.
 */
export function evaluateCompletion(
  config: CompletionConfig | undefined,
  progress: BatchProgress,
): CompletionVerdict {
  const { successCount, failureCount, totalCount } = progress;
  const completedCount = successCount + failureCount;
  const allSettled = completedCount >= totalCount;
  if (config?.shouldComplete) {
    const status: CompletionStatus = {
      successCount,
      failureCount,
      completedCount,
      totalCount,
      items: progress.items(),
    };
    const decision = config.shouldComplete(status);
    if (decision.complete) {
      const failed = decision.outcome === CompletionOutcome.FAILED;
      return {
        stop: true,
        reason: failed ? "CUSTOM_COMPLETION_FAILED" : "CUSTOM_COMPLETION_SUCCEEDED",
      };
    }
    return allSettled ? { stop: true, reason: "ALL_COMPLETED" } : CONTINUE;
  }
  const minSuccessful = config?.minSuccessful;
  const toleratedCount = config?.toleratedFailureCount;
  const toleratedPercentage = config?.toleratedFailurePercentage;
  const effective =
    minSuccessful !== undefined ||
    toleratedCount !== undefined ||
    toleratedPercentage !== undefined;
  if (!effective) {
    if (failureCount > 0) return { stop: true, reason: "FAILURE_TOLERANCE_EXCEEDED" };
    return allSettled ? { stop: true, reason: "ALL_COMPLETED" } : CONTINUE;
  }
  if (
    (toleratedCount !== undefined && failureCount > toleratedCount) ||
    (toleratedPercentage !== undefined &&
      totalCount > 0 &&
      (failureCount / totalCount) * 100 > toleratedPercentage)
  ) {
    return { stop: true, reason: "FAILURE_TOLERANCE_EXCEEDED" };
  }
  if (allSettled) return { stop: true, reason: "ALL_COMPLETED" };
  if (minSuccessful !== undefined && successCount >= minSuccessful) {
    return { stop: true, reason: "MIN_SUCCESSFUL_REACHED" };
  }
  return CONTINUE;
}
