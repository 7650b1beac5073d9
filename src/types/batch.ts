import type { ChildContextError } from "../errors/durable-operation-errors";
import type { CompletionReason } from "./completion-reason";

export type { CompletionReason } from "./completion-reason";

/**
 * Status of one map item or parallel branch in a batch result.
 *
 * @example
 * ```ts
 * const batch = await context.map("charge", orders, chargeOne);
 * const failed = batch.all.filter((item) => item.status === BatchItemStatus.FAILED);
 * ```
 */
export enum BatchItemStatus {
  SUCCEEDED = "SUCCEEDED",
  FAILED = "FAILED",
  STARTED = "STARTED",
}

/**
 * Outcome a custom completion predicate can choose.
 *
 * @example
 * ```ts
 * await context.parallel(branches, {
 *   completionConfig: {
 *     shouldComplete: (s) =>
 *       s.failureCount > 0 ? { complete: true, outcome: CompletionOutcome.FAILED } : { complete: false },
 *   },
 * });
 * ```
 */
export enum CompletionOutcome {
  SUCCEEDED = "SUCCEEDED",
  FAILED = "FAILED",
}

/**
 * How map items / parallel branches are recorded.
 *
 * @example
 * ```ts
 * await context.map("items", items, processItem, { nesting: NestingType.FLAT });
 * ```
 */
export enum NestingType {
  NESTED = "NESTED",
  FLAT = "FLAT",
}

/**
 * One started item of a batch.
 *
 * @example
 * ```ts
 * for (const item of batch.all) {
 *   if (item.status === "FAILED") console.log(item.index, item.error?.message);
 * }
 * ```
 */
export interface BatchItem<TResult> {
  result?: TResult;
  error?: ChildContextError;
  index: number;
  status: BatchItemStatus;
}

/**
 * What `map` and `parallel` resolve with.
 *
 * @example
 * ```ts
 * const batch = await context.map("resize", images, resizeOne);
 * console.log(batch.successCount, batch.failureCount, batch.completionReason);
 * const urls = batch.getResults();   // results of the items that succeeded, in order
 * batch.throwIfError();              // rethrow the first failure, if any
 * ```
 */
export interface BatchResult<TResult> {
  all: Array<BatchItem<TResult>>;
  succeeded(): Array<BatchItem<TResult> & { result: TResult }>;
  failed(): Array<BatchItem<TResult> & { error: ChildContextError }>;
  started(): Array<BatchItem<TResult> & { status: BatchItemStatus.STARTED }>;
  status: BatchItemStatus.SUCCEEDED | BatchItemStatus.FAILED;
  completionReason: CompletionReason;
  hasFailure: boolean;
  throwIfError(): void;
  getResults(): Array<TResult>;
  getErrors(): Array<ChildContextError>;
  successCount: number;
  failureCount: number;
  startedCount: number;
  totalCount: number;
}

/**
 * Progress handed to a custom completion predicate.
 *
 * @example
 * ```ts
 * shouldComplete: (status) =>
 *   status.items.some((item) => item.name === "primary" && item.status === "SUCCEEDED")
 *     ? completeBatch()
 *     : continueBatch(),
 * ```
 */
export interface CompletionItemStatus {
  index: number;
  name?: string;
  status?: BatchItemStatus;
}

/**
 * Counts handed to a custom completion predicate.
 *
 * @example
 * ```ts
 * shouldComplete: (s: CompletionStatus) =>
 *   s.successCount >= 2 || s.completedCount === s.totalCount ? completeBatch() : continueBatch(),
 * ```
 */
export interface CompletionStatus {
  successCount: number;
  failureCount: number;
  completedCount: number;
  totalCount: number;
  items: readonly CompletionItemStatus[];
}

/**
 * Decision of a custom completion predicate.
 *
 * @example
 * ```ts
 * const decide = (s: CompletionStatus): CompletionDecision =>
 *   s.failureCount > 2 ? { complete: true, outcome: CompletionOutcome.FAILED } : { complete: false };
 * ```
 */
export type CompletionDecision =
  { complete: false } | { complete: true; outcome?: CompletionOutcome };

/**
 * Completion by thresholds.
 *
 * @example
 * ```ts
 * const completionConfig: ThresholdCompletionConfig = { minSuccessful: 3, toleratedFailureCount: 1 };
 * await context.map("replicas", regions, writeReplica, { completionConfig });
 * ```
 */
export interface ThresholdCompletionConfig {
  minSuccessful?: number;
  toleratedFailureCount?: number;
  toleratedFailurePercentage?: number;
  shouldComplete?: never;
}

/**
 * Completion by a custom predicate.
 *
 * @example
 * ```ts
 * await context.parallel(branches, {
 *   completionConfig: { shouldComplete: (s) => (s.successCount > 0 ? completeBatch() : continueBatch()) },
 * });
 * ```
 */
export interface CustomCompletionConfig {
  shouldComplete: (status: CompletionStatus) => CompletionDecision;
  minSuccessful?: never;
  toleratedFailureCount?: never;
  toleratedFailurePercentage?: never;
}

/**
 * When a batch may stop early.
 *
 * @example
 * ```ts
 * const stopOnFirstSuccess: CompletionConfig = { minSuccessful: 1 };
 * await context.parallel("mirrors", downloads, { completionConfig: stopOnFirstSuccess });
 * ```
 */
export type CompletionConfig = ThresholdCompletionConfig | CustomCompletionConfig;
