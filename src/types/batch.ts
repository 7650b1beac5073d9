import type { ChildContextError } from "../errors/durable-operation-errors";
import type { CompletionReason } from "./completion-reason";

export type { CompletionReason } from "./completion-reason";

/** Status of one map item or parallel branch in a batch result. */
export enum BatchItemStatus {
  SUCCEEDED = "SUCCEEDED",
  FAILED = "FAILED",
  STARTED = "STARTED",
}

/** Outcome a custom completion predicate can choose. */
export enum CompletionOutcome {
  SUCCEEDED = "SUCCEEDED",
  FAILED = "FAILED",
}

/** How map items / parallel branches are recorded. */
export enum NestingType {
  NESTED = "NESTED",
  FLAT = "FLAT",
}

/** One started item of a batch. */
export interface BatchItem<TResult> {
  result?: TResult;
  error?: ChildContextError;
  index: number;
  status: BatchItemStatus;
}

/** What `map` and `parallel` resolve with. */
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

/** Progress handed to a custom completion predicate. */
export interface CompletionItemStatus {
  index: number;
  name?: string;
  status?: BatchItemStatus;
}

/** Counts handed to a custom completion predicate. */
export interface CompletionStatus {
  successCount: number;
  failureCount: number;
  completedCount: number;
  totalCount: number;
  items: readonly CompletionItemStatus[];
}

/** Decision of a custom completion predicate. */
export type CompletionDecision =
  { complete: false } | { complete: true; outcome?: CompletionOutcome };

/** Completion by thresholds. */
export interface ThresholdCompletionConfig {
  minSuccessful?: number;
  toleratedFailureCount?: number;
  toleratedFailurePercentage?: number;
  shouldComplete?: never;
}

/** Completion by a custom predicate. */
export interface CustomCompletionConfig {
  shouldComplete: (status: CompletionStatus) => CompletionDecision;
  minSuccessful?: never;
  toleratedFailureCount?: never;
  toleratedFailurePercentage?: never;
}

/** When a batch may stop early. */
export type CompletionConfig = ThresholdCompletionConfig | CustomCompletionConfig;
