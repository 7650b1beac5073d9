import type { DurablePromise } from "../../types/durable-promise";
import { never, stalled } from "../../context/durable-promise";
import {
  BatchItemStatus,
  NestingType,
  type BatchItem,
  type BatchResult,
  type CompletionItemStatus,
} from "../../types/batch";
import type { CompletionReason } from "../../types/completion-reason";
import { OperationStatus, OperationType } from "../../types/wire";
import { asItemError, BatchResultImpl } from "./batch-result";
import {
  createDefaultBatchSerdes,
  readRecordedBatch,
  summarizeBatch,
  wrapBatchSerdes,
  type RecordedBatch,
} from "./batch-serdes";
import { batchConfigError } from "./batch-arguments";
import { evaluateCompletion } from "./completion-policy";
import type { ConcurrencyConfig, ConcurrentExecutionItem } from "./types";
import { operationLabel } from "../argument-errors";
import type { CompositeChild, CompositeContext } from "../composite-context";
import { OperationCall } from "../lifecycle";
// Real timers (see timers/node-timers): fake timers of a test framework must not stall the SDK.
import { setImmediate } from "../../timers/node-timers";

/** Runs one item in the child context the engine made for it. */
export type ItemExecutor<TItem, TResult> = (
  item: ConcurrentExecutionItem<TItem>,
  child: CompositeChild,
) => Promise<TResult>;

/** Everything one `map` or `parallel` call hands to the engine. */
export interface BatchRun<TItem, TResult> {
  kind: "map" | "parallel";
  name: string | undefined;
  items: ReadonlyArray<ConcurrentExecutionItem<TItem>>;
  executor: ItemExecutor<TItem, TResult>;
  config: ConcurrencyConfig<TResult>;
}

/**
 * The engine behind `map` and `parallel`: validates the configuration (an invalid one
 * fails the execution), then runs the batch as a child context of `ctx` whose result is
 * the checkpointed `BatchResult` (or, when too large, a summary that replays rebuild from
 * the items' own checkpoints).
 */
export function runBatch<TItem, TResult>(
  ctx: CompositeContext,
  run: BatchRun<TItem, TResult>,
): DurablePromise<BatchResult<TResult>> {
  const { config, kind } = run;
  const invalid = batchConfigError(config, operationLabel(kind, run.name, ctx));
  if (invalid) {
    void ctx.runtime.failExecution(new Error(invalid.message));
    return stalled();
  }
  const serdes = config.serdes
    ? wrapBatchSerdes<TResult>(config.serdes)
    : createDefaultBatchSerdes<TResult>();
  return ctx.runChildOperation<BatchResult<TResult>>(
    kind,
    run.name,
    (batchCtx) => executeBatch(batchCtx, run),
    {
      subType: config.topLevelSubType,
      serdes,
      summaryGenerator: (result) => summarizeBatch(kind, result, config.summaryGenerator),
    },
  );
}

function executeBatch<TItem, TResult>(
  batchCtx: CompositeContext,
  run: BatchRun<TItem, TResult>,
): Promise<BatchResult<TResult>> {
  // The batch context's operations hang off its own operation: that is the batch's record.
  const record = batchCtx.runtime.state.get(batchCtx.checkpointParentId as string);
  // A verify-only replay rebuilds every finished batch, so the items' operations are checked.
  const { verifier } = batchCtx.runtime;
  if (
    record?.Status === OperationStatus.SUCCEEDED &&
    (record.ContextDetails?.ReplayChildren || verifier)
  ) {
    const recorded = readRecordedBatch(record.ContextDetails?.Result);
    if (recorded) return rebuildBatch(batchCtx, run, recorded);
  }
  return new BatchEngine(batchCtx, run).run();
}

/**
 * Starts item `index` in its own (possibly virtual) child context of the batch context. When
 * `batchDecided` holds by the time the item's body settles, the item is left open (its end
 * is never checkpointed), since the batch result already reports it as STARTED.
 */
function launchItem<TItem, TResult>(
  batchCtx: CompositeContext,
  run: BatchRun<TItem, TResult>,
  index: number,
  batchDecided: () => boolean = () => false,
): DurablePromise<TResult> {
  const item = run.items[index];
  const { config, executor } = run;
  return batchCtx.runChildOperation<TResult>(
    "runInChildContext",
    item.name ?? item.id,
    (child) =>
      executor(item, child).then(
        (result) => (batchDecided() ? never<TResult>() : result),
        (error: unknown) => (batchDecided() ? never<TResult>() : Promise.reject(error)),
      ),
    {
      subType: config.iterationSubType,
      serdes: config.itemSerdes,
      virtualContext: config.nesting === NestingType.FLAT,
    },
  );
}

/** The entry of an item that returned `result` in the batch result. */
function succeededItem<TResult>(result: TResult, index: number): BatchItem<TResult> {
  return { result, index, status: BatchItemStatus.SUCCEEDED };
}

/** The entry of an item that threw `error` in the batch result. */
function failedItem<TResult>(error: unknown, index: number): BatchItem<TResult> {
  return { error: asItemError(error), index, status: BatchItemStatus.FAILED };
}

/** Schedules the items of one batch run and applies the completion policy after each settle. */
class BatchEngine<TItem, TResult> {
  readonly #outcomes: Array<BatchItem<TResult> | undefined> = [];
  readonly #total: number;
  readonly #limit: number;
  #next = 0;
  #running = 0;
  #successCount = 0;
  #failureCount = 0;
  #done = false;
  #resolve: (result: BatchResult<TResult>) => void = () => undefined;

  readonly #batchCtx: CompositeContext;
  readonly #batch: BatchRun<TItem, TResult>;

  constructor(batchCtx: CompositeContext, batch: BatchRun<TItem, TResult>) {
    this.#batchCtx = batchCtx;
    this.#batch = batch;
    this.#total = batch.items.length;
    const max = batch.config.maxConcurrency;
    this.#limit = max === undefined || max === null ? Infinity : max;
  }

  run(): Promise<BatchResult<TResult>> {
    return new Promise((resolve) => {
      this.#resolve = resolve;
      this.#fill();
      // No item started: the batch is empty, or a custom predicate completed it first.
      if (this.#next === 0) this.#finish(this.#finalReason());
    });
  }

  /** Why the batch ends now: the completion policy's reason, or all items having completed. */
  #finalReason(): CompletionReason {
    return this.#evaluate() ?? "ALL_COMPLETED";
  }

  #evaluate() {
    return evaluateCompletion(this.#batch.config.completionConfig, {
      successCount: this.#successCount,
      failureCount: this.#failureCount,
      totalCount: this.#total,
      items: () => this.#itemStatuses(),
    });
  }

  #itemStatuses(): CompletionItemStatus[] {
    return this.#batch.items.map((item, index) => {
      const status: CompletionItemStatus = { index };
      if (item.name !== undefined) status.name = item.name;
      const outcome = this.#outcomes[index];
      if (outcome) status.status = outcome.status;
      else if (index < this.#next) status.status = BatchItemStatus.STARTED;
      return status;
    });
  }

  /**
   * Starts items while slots are free. With a custom `shouldComplete`, the predicate is
   * asked before each start (as the reference does) and no item starts once it says the
   * batch is complete; the batch then ends when a running item settles.
   */
  #fill(): void {
    const guarded = this.#guarded();
    while (!this.#done && this.#running < this.#limit && this.#next < this.#total) {
      if (guarded && this.#evaluate()) return;
      this.#start(this.#next++);
    }
  }

  #start(index: number): void {
    this.#running++;
    launchItem(this.#batchCtx, this.#batch, index, () => this.#done).then(
      (result) => this.#settle(succeededItem(result, index)),
      (error: unknown) => this.#settle(failedItem(error, index)),
    );
  }

  #settle(item: BatchItem<TResult>): void {
    if (this.#done) return;
    this.#running--;
    this.#outcomes[item.index] = item;
    if (item.status === BatchItemStatus.SUCCEEDED) this.#successCount++;
    else this.#failureCount++;
    if (!this.#guarded()) {
      const reason = this.#evaluate();
      if (reason) this.#finish(reason);
      else this.#fill();
      return;
    }
    // A custom predicate is consulted as the reference does: unless every item has settled,
    // "complete?" and (if not) "continue?"; once the batch ends, once more for its reason.
    const allSettled = this.#successCount + this.#failureCount >= this.#total;
    if (allSettled || this.#evaluate() || this.#evaluate()) {
      this.#finish(this.#finalReason());
      return;
    }
    this.#fill();
  }

  /** True when the batch has a custom `shouldComplete` predicate. */
  #guarded(): boolean {
    return this.#batch.config.completionConfig?.shouldComplete !== undefined;
  }

  #finish(reason: CompletionReason): void {
    this.#done = true;
    const all: Array<BatchItem<TResult>> = [];
    for (let index = 0; index < this.#next; index++) {
      all.push(this.#outcomes[index] ?? { index, status: BatchItemStatus.STARTED });
    }
    // Items still running are not part of the result. Work inside them keeps being recorded
    // until the batch's own result is (then the batch context is finished), but an item
    // that ends after this point never records its end: it stays STARTED, as reported.
    const result = new BatchResultImpl<TResult>(all, reason);
    if (this.#running > 0) setImmediate(() => this.#resolve(result));
    else this.#resolve(result);
  }
}

/**
 * Rebuilds a batch whose result was too large to store: items recorded as finished replay
 * from their own checkpoints, unfinished ones take their ids and appear as STARTED (as in
 * the first run's result), and the completion reason is the recorded one.
 */
async function rebuildBatch<TItem, TResult>(
  batchCtx: CompositeContext,
  run: BatchRun<TItem, TResult>,
  recorded: RecordedBatch,
): Promise<BatchResult<TResult>> {
  const pending: Array<Promise<BatchItem<TResult>>> = [];
  // Verify-only: items beyond the recorded ones are called too, so a longer list shows.
  const count = batchCtx.runtime.verifier
    ? run.items.length
    : Math.min(recorded.itemStatuses.length, run.items.length);
  for (let index = 0; index < count; index++) {
    const mark = recorded.itemStatuses[index];
    if (mark === "S" || mark === "F") {
      pending.push(
        launchItem(batchCtx, run, index).then(
          (result) => succeededItem(result, index),
          (error: unknown) => failedItem<TResult>(error, index),
        ),
      );
    } else {
      // Still running when the batch completed: the first run reported it as STARTED, so
      // the replay does too (and only reserves its id, since its end was never recorded).
      pending.push(Promise.resolve({ index, status: BatchItemStatus.STARTED }));
      const item = run.items[index];
      new OperationCall(
        batchCtx,
        OperationType.CONTEXT,
        run.config.iterationSubType ?? "RunInChildContext",
        item.name ?? item.id,
      ).open(run.kind);
    }
  }
  const all = await Promise.all(pending);
  batchCtx.markFinished();
  return new BatchResultImpl<TResult>(all, recorded.completionReason);
}
