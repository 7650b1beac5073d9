/**
 * Why a `map` or `parallel` batch stopped: every item finished, enough items
 * succeeded, too many failed, or a custom `shouldComplete` ended it.
 *
 * @example
 * ```ts
 * const batch = await context.map("items", items, work, { completionConfig: { minSuccessful: 2 } });
 * if (batch.completionReason === "MIN_SUCCESSFUL_REACHED") console.log("stopped early");
 * ```
 */
export type CompletionReason =
  | "ALL_COMPLETED"
  | "MIN_SUCCESSFUL_REACHED"
  | "FAILURE_TOLERANCE_EXCEEDED"
  | "CUSTOM_COMPLETION_SUCCEEDED"
  | "CUSTOM_COMPLETION_FAILED";
