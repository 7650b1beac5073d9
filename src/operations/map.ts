import type { DurableContextImpl } from "../context/durable-context";
import type { DurablePromise } from "../context/durable-promise";
import { rejected } from "./argument-errors";
import type { BatchResult } from "../types/batch";
import type { DurableContext, MapFunc } from "../types/durable-context";
import type { MapConfig } from "../types/operation-configs";
import { runBatch } from "./concurrency/engine";
import type { ConcurrentExecutionItem } from "./concurrency/types";

/** Implements `context.map`: one child context per item, run by the concurrency engine. */
export function map<TInput, TOutput>(
  ctx: DurableContextImpl,
  nameOrItems: string | undefined | TInput[],
  itemsOrFn: TInput[] | MapFunc<TInput, TOutput, any>,
  fnOrConfig?: MapFunc<TInput, TOutput, any> | MapConfig<TInput, TOutput>,
  maybeConfig?: MapConfig<TInput, TOutput>,
): DurablePromise<BatchResult<TOutput>> {
  const named = typeof nameOrItems === "string" || nameOrItems === undefined;
  const name = named ? (nameOrItems as string | undefined) : undefined;
  const items = (named ? itemsOrFn : nameOrItems) as unknown;
  const fn = (named ? fnOrConfig : itemsOrFn) as unknown;
  const config = ((named ? maybeConfig : fnOrConfig) ?? {}) as MapConfig<TInput, TOutput>;

  if (!Array.isArray(items)) {
    return rejected(new Error("Map operation requires an array of items"));
  }
  if (typeof fn !== "function") {
    return rejected(new Error("Map operation requires a function to process items"));
  }
  const input = items as TInput[];
  const mapFunc = fn as MapFunc<TInput, TOutput, any>;
  const itemNamer = config.itemNamer;
  const entries = input.map((data, index): ConcurrentExecutionItem<TInput> => {
    const entry: ConcurrentExecutionItem<TInput> = { id: `map-item-${index}`, data, index };
    const itemName = itemNamer?.(data, index);
    if (typeof itemName === "string" && itemName !== "") entry.name = itemName;
    return entry;
  });
  return runBatch<TInput, TOutput>(ctx, {
    kind: "map",
    name,
    items: entries,
    executor: (item, child) =>
      mapFunc(child as unknown as DurableContext<any>, item.data, item.index, input),
    config: { ...config, topLevelSubType: "Map", iterationSubType: "MapIteration" },
  });
}
