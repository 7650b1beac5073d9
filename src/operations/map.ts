import type { DurablePromise } from "../types/durable-promise";
import {
  configError,
  describeValue,
  functionOptionError,
  nameError,
  operationLabel,
  rejected,
} from "./argument-errors";
import type { BatchResult } from "../types/batch";
import type { MapFunc } from "../types/durable-context";
import type { MapConfig } from "../types/operation-configs";
import type { CompositeContext } from "./composite-context";
import { runBatch } from "./concurrency/engine";
import { parseNamedArgs } from "./named-arguments";
import type { ConcurrentExecutionItem } from "./concurrency/types";

/** Implements `context.map`: one child context per item, run by the concurrency engine. */
export function map<TInput, TOutput>(
  ctx: CompositeContext,
  nameOrItems: string | undefined | TInput[],
  itemsOrFn: TInput[] | MapFunc<TInput, TOutput, any>,
  fnOrConfig?: MapFunc<TInput, TOutput, any> | MapConfig<TInput, TOutput>,
  maybeConfig?: MapConfig<TInput, TOutput>,
): DurablePromise<BatchResult<TOutput>> {
  const [name, items, fn, given] = parseNamedArgs<unknown, unknown, MapConfig<TInput, TOutput>>(
    nameOrItems,
    itemsOrFn,
    fnOrConfig,
    maybeConfig,
  );
  const config = given ?? {};

  const badName = nameError("map", name);
  if (badName) return rejected(badName);
  const label = operationLabel("map", name, ctx);
  if (!Array.isArray(items)) {
    return rejected(
      new Error(`${label}: requires an array of items (got ${describeValue(items)})`),
    );
  }
  if (typeof fn !== "function") {
    return rejected(
      new Error(`${label}: requires a function to process each item (got ${describeValue(fn)})`),
    );
  }
  const badConfig =
    configError(label, config) ?? functionOptionError(label, "itemNamer", config.itemNamer);
  if (badConfig) return rejected(badConfig);
  const input = items as TInput[];
  const mapFunc = fn as MapFunc<TInput, TOutput, any>;
  const itemNamer = config.itemNamer;
  const entries: ConcurrentExecutionItem<TInput>[] = [];
  for (const [index, data] of input.entries()) {
    const entry: ConcurrentExecutionItem<TInput> = { id: `map-item-${index}`, data, index };
    const itemName = itemNamer?.(data, index);
    if (typeof itemName === "string" && itemName !== "") {
      const badItemName = nameError(`${label}: itemNamer gave item ${index}`, itemName);
      if (badItemName) return rejected(badItemName);
      entry.name = itemName;
    }
    entries.push(entry);
  }
  return runBatch<TInput, TOutput>(ctx, {
    kind: "map",
    name,
    items: entries,
    executor: (item, child) => mapFunc(child, item.data, item.index, input),
    config: { ...config, topLevelSubType: "Map", iterationSubType: "MapIteration" },
  });
}
