import { BatchCompletionError, ChildContextError } from "../../errors/durable-operation-errors";
import { BatchItemStatus, type BatchItem, type BatchResult } from "../../types/batch";
import type { CompletionReason } from "../../types/completion-reason";

interface Counts {
  successCount: number;
  failureCount: number;
  startedCount: number;
}

/**
 * The result of a `map` or `parallel`: the started items in index order and why the batch
 * ended. Only `all` and `completionReason` are own properties, so JSON of a result is
 * `{"all":[...],"completionReason":"..."}`; counts are computed once, here.
 */
export class BatchResultImpl<TResult> implements BatchResult<TResult> {
  readonly all: Array<BatchItem<TResult>>;
  readonly completionReason: CompletionReason;
  readonly #counts: Counts = { successCount: 0, failureCount: 0, startedCount: 0 };

  constructor(all: Array<BatchItem<TResult>>, completionReason: CompletionReason) {
    this.all = all;
    this.completionReason = completionReason;
    const counts = this.#counts;
    for (const item of all) {
      if (item.status === BatchItemStatus.SUCCEEDED) counts.successCount++;
      else if (item.status === BatchItemStatus.FAILED) counts.failureCount++;
      else if (item.status === BatchItemStatus.STARTED) counts.startedCount++;
    }
  }

  /** Succeeded items that carry a result (an `undefined` result is left out). */
  succeeded(): Array<BatchItem<TResult> & { result: TResult }> {
    return this.all.filter(
      (i): i is BatchItem<TResult> & { result: TResult } =>
        i.status === BatchItemStatus.SUCCEEDED && i.result !== undefined,
    );
  }

  /** Failed items with their error. */
  failed(): Array<BatchItem<TResult> & { error: ChildContextError }> {
    return this.all.filter(
      (i): i is BatchItem<TResult> & { error: ChildContextError } =>
        i.status === BatchItemStatus.FAILED && i.error !== undefined,
    );
  }

  /** Items still running when the batch completed. */
  started(): Array<BatchItem<TResult> & { status: BatchItemStatus.STARTED }> {
    return this.all.filter(
      (i): i is BatchItem<TResult> & { status: BatchItemStatus.STARTED } =>
        i.status === BatchItemStatus.STARTED,
    );
  }

  /** FAILED for a custom failed outcome or any failed item (unless custom-succeeded). */
  get status(): BatchItemStatus.SUCCEEDED | BatchItemStatus.FAILED {
    if (this.completionReason === "CUSTOM_COMPLETION_FAILED") return BatchItemStatus.FAILED;
    if (this.completionReason === "CUSTOM_COMPLETION_SUCCEEDED") return BatchItemStatus.SUCCEEDED;
    return this.#counts.failureCount > 0 ? BatchItemStatus.FAILED : BatchItemStatus.SUCCEEDED;
  }

  /** True when at least one item failed. */
  get hasFailure(): boolean {
    return this.#counts.failureCount > 0;
  }

  /**
   * Throws the error of the first failed item; without failed items but with a failed
   * status (custom outcome), throws a {@link BatchCompletionError}.
   */
  throwIfError(): void {
    const [firstFailed] = this.failed();
    if (firstFailed) throw firstFailed.error;
    if (this.status === BatchItemStatus.FAILED) {
      throw new BatchCompletionError(this.completionReason);
    }
  }

  /** Results of the succeeded items, in index order. */
  getResults(): TResult[] {
    return this.succeeded().map((i) => i.result);
  }

  /** Errors of the failed items, in index order. */
  getErrors(): ChildContextError[] {
    return this.failed().map((i) => i.error);
  }

  get successCount(): number {
    return this.#counts.successCount;
  }

  get failureCount(): number {
    return this.#counts.failureCount;
  }

  get startedCount(): number {
    return this.#counts.startedCount;
  }

  /** Number of started items. */
  get totalCount(): number {
    return this.all.length;
  }
}

/** Ensures an item error is a ChildContextError, wrapping anything else. */
export function asItemError(error: unknown): ChildContextError {
  if (error instanceof ChildContextError) return error;
  if (error instanceof Error) return new ChildContextError(error.message, error);
  return new ChildContextError(String(error));
}
