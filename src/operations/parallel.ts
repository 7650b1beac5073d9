import type { DurableContextImpl } from "../context/durable-context";
import type { DurablePromise } from "../context/durable-promise";
import { rejected } from "./argument-errors";
import type { BatchResult } from "../types/batch";
import type { DurableContext, NamedParallelBranch, ParallelFunc } from "../types/durable-context";
import type { ParallelConfig } from "../types/operation-configs";
import { runBatch } from "./concurrency/engine";
import type { ConcurrentExecutionItem } from "./concurrency/types";

type Branch<T> = ParallelFunc<T, any> | NamedParallelBranch<T, any>;

/** Implements `context.parallel`: one child context per branch, run by the concurrency engine. */
export function parallel<TOutput>(
  ctx: DurableContextImpl,
  nameOrBranches: string | undefined | readonly unknown[],
  branchesOrConfig?: readonly unknown[] | ParallelConfig<TOutput>,
  maybeConfig?: ParallelConfig<TOutput>,
): DurablePromise<BatchResult<TOutput>> {
  const named = typeof nameOrBranches === "string" || nameOrBranches === undefined;
  const name = named ? (nameOrBranches as string | undefined) : undefined;
  const branches = (named ? branchesOrConfig : nameOrBranches) as unknown;
  const config = ((named ? maybeConfig : branchesOrConfig) ?? {}) as ParallelConfig<TOutput>;

  if (!Array.isArray(branches)) {
    return rejected(new Error("Parallel operation requires an array of branch functions"));
  }
  const valid = branches.every(
    (b: unknown) =>
      typeof b === "function" ||
      (typeof b === "object" && b !== null && typeof (b as { func?: unknown }).func === "function"),
  );
  if (!valid) {
    return rejected(new Error("All branches must be functions or NamedParallelBranch objects"));
  }
  const entries = (branches as Branch<TOutput>[]).map(
    (data, index): ConcurrentExecutionItem<Branch<TOutput>> => {
      const entry: ConcurrentExecutionItem<Branch<TOutput>> = {
        id: `parallel-branch-${index}`,
        data,
        index,
      };
      if (typeof data !== "function" && data.name) entry.name = data.name;
      return entry;
    },
  );
  return runBatch<Branch<TOutput>, TOutput>(ctx, {
    kind: "parallel",
    name,
    items: entries,
    executor: (item, child) => {
      const branch = item.data;
      const func = typeof branch === "function" ? branch : branch.func;
      return func(child as unknown as DurableContext<any>);
    },
    config: { ...config, topLevelSubType: "Parallel", iterationSubType: "ParallelBranch" },
  });
}
