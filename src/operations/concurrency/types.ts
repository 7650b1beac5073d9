import type { BatchResult, CompletionConfig, NestingType } from "../../types/batch";
import type { DurableContext } from "../../types/durable-context";
import type { DurableLogger } from "../../types/logger";
import type { Serdes } from "../../types/serdes";

/**
 * One unit of work handed to the concurrency engine: a map item or a parallel branch.
 *
 * @example
 * ```ts
 * const run: ConcurrentExecutor<string, number> = async (item, child) =>
 *   child.step(`measure-${item.index}`, async () => item.data.length);
 * ```
 */
export interface ConcurrentExecutionItem<T> {
  /** Internal item id, also the default item name (`map-item-<k>`, `parallel-branch-<k>`). */
  id: string;
  /** The item itself (map) or the branch (parallel). */
  data: T;
  /** Position in the input. */
  index: number;
  /** Name chosen by the caller (itemNamer result, branch name), when there is one. */
  name?: string;
}

/**
 * Runs one item inside the child context the engine created for it.
 *
 * @example
 * ```ts
 * const executor: ConcurrentExecutor<string, number> = async (item, child) =>
 *   child.step("size", async () => item.data.length);
 * ```
 */
export type ConcurrentExecutor<TItem, TResult, Logger extends DurableLogger = DurableLogger> = (
  item: ConcurrentExecutionItem<TItem>,
  childContext: DurableContext<Logger>,
) => Promise<TResult>;

/**
 * Settings of one run of the concurrency engine behind `map` and `parallel`.
 *
 * @example
 * ```ts
 * const config: ConcurrencyConfig<string> = { maxConcurrency: 4, completionConfig: { minSuccessful: 2 } };
 * ```
 */
export interface ConcurrencyConfig<TResult> {
  /** Largest number of items running at once; unlimited when absent. */
  maxConcurrency?: number;
  /** Sub-type of the batch CONTEXT operation ("Map", "Parallel"). */
  topLevelSubType?: string;
  /** Sub-type of each item CONTEXT operation ("MapIteration", "ParallelBranch"). */
  iterationSubType?: string;
  /** Extra text stored in the summary of a batch result too large to checkpoint. */
  summaryGenerator?: (result: BatchResult<TResult>) => string;
  /** Serdes of the whole batch result. */
  serdes?: Serdes<BatchResult<TResult>>;
  /** Serdes of each item's result. */
  itemSerdes?: Serdes<TResult>;
  /** When the batch may stop before every item has finished. */
  completionConfig?: CompletionConfig;
  /** Whether items get their own checkpointed contexts (default NESTED). */
  nesting?: NestingType;
}
