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

/**
 * Decides, after an item settled (or for an empty batch), whether the batch ends now and
 * why (`undefined`: it goes on): a custom predicate first, then fail-fast without an
 * effective config, then the failure tolerances, "all settled", and finally `minSuccessful`.
 */
export function evaluateCompletion(
  config: CompletionConfig | undefined,
  progress: BatchProgress,
): CompletionReason | undefined {
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
      return decision.outcome === CompletionOutcome.FAILED
        ? "CUSTOM_COMPLETION_FAILED"
        : "CUSTOM_COMPLETION_SUCCEEDED";
    }
    return allSettled ? "ALL_COMPLETED" : undefined;
  }
  const minSuccessful = config?.minSuccessful;
  const toleratedCount = config?.toleratedFailureCount;
  const toleratedPercentage = config?.toleratedFailurePercentage;
  const effective =
    minSuccessful !== undefined ||
    toleratedCount !== undefined ||
    toleratedPercentage !== undefined;
  if (!effective) {
    if (failureCount > 0) return "FAILURE_TOLERANCE_EXCEEDED";
    return allSettled ? "ALL_COMPLETED" : undefined;
  }
  if (
    (toleratedCount !== undefined && failureCount > toleratedCount) ||
    (toleratedPercentage !== undefined &&
      totalCount > 0 &&
      (failureCount / totalCount) * 100 > toleratedPercentage)
  ) {
    return "FAILURE_TOLERANCE_EXCEEDED";
  }
  if (allSettled) return "ALL_COMPLETED";
  if (minSuccessful !== undefined && successCount >= minSuccessful) {
    return "MIN_SUCCESSFUL_REACHED";
  }
  return undefined;
}
