import type { DurablePromise } from "../types/durable-promise";
import { configError, describeValue, nameError, operationLabel, rejected } from "./argument-errors";
import type { BatchResult } from "../types/batch";
import type { NamedParallelBranch, ParallelFunc } from "../types/durable-context";
import type { ParallelConfig } from "../types/operation-configs";
import type { CompositeContext } from "./composite-context";
import { runBatch } from "./concurrency/engine";
import { parseNamedArgs } from "./named-arguments";
import type { ConcurrentExecutionItem } from "./concurrency/types";

type Branch<T> = ParallelFunc<T, any> | NamedParallelBranch<T, any>;

/** Implements `context.parallel`: one child context per branch, run by the concurrency engine. */
export function parallel<TOutput>(
  ctx: CompositeContext,
  nameOrBranches: string | undefined | readonly unknown[],
  branchesOrConfig?: readonly unknown[] | ParallelConfig<TOutput>,
  maybeConfig?: ParallelConfig<TOutput>,
): DurablePromise<BatchResult<TOutput>> {
  const [name, branches, given] = parseNamedArgs<unknown, ParallelConfig<TOutput>>(
    nameOrBranches,
    branchesOrConfig,
    maybeConfig,
  );
  const config = given ?? {};

  const badName = nameError("parallel", name);
  if (badName) return rejected(badName);
  const label = operationLabel("parallel", name, ctx);
  if (!Array.isArray(branches)) {
    return rejected(
      new Error(`${label}: requires an array of branch functions (got ${describeValue(branches)})`),
    );
  }
  const badBranch = branches.map((b: unknown, i) => branchError(label, b, i)).find(Boolean);
  if (badBranch) return rejected(badBranch);
  const badConfig = configError(label, config);
  if (badConfig) return rejected(badConfig);
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
      return func(child);
    },
    config: { ...config, topLevelSubType: "Parallel", iterationSubType: "ParallelBranch" },
  });
}

/** The error for branch `index` if it is neither a function nor `{ name?: string, func }`. */
function branchError(label: string, branch: unknown, index: number): Error | undefined {
  if (typeof branch === "function") return undefined;
  if (typeof branch !== "object" || branch === null) {
    return new Error(
      `${label}: branch ${index} must be a function or { name, func } (got ${describeValue(branch)})`,
    );
  }
  const { func, name } = branch as { func?: unknown; name?: unknown };
  if (typeof func !== "function") {
    return new Error(`${label}: branch ${index} needs a func to run (got ${describeValue(func)})`);
  }
  if (name === undefined || name === "") return undefined;
  return nameError(`${label}: branch ${index}`, name);
}
