import { currentScope, runInScope } from "../context/active-scope";
import { DurablePromise } from "../types/durable-promise";
import {
  PromiseCombinatorError,
  type DurableOperationError,
} from "../errors/durable-operation-errors";
import type { DurablePromiseCombinators } from "../types/durable-context";
import type { ChildConfig } from "../types/operation-configs";
import { jsonSerdes } from "../serdes/default-serdes";
import type { Serdes } from "../types/serdes";
import type { CompositeContext } from "./composite-context";
import { parseNamedArgs } from "./named-arguments";

type CombinatorKind = "all" | "allSettled" | "any" | "race";

/** How an `Error` rejection reason of `allSettled` is stored. */
interface StoredReason {
  message: string;
  name: string;
  stack?: string;
}

function isStoredReason(value: unknown): value is StoredReason {
  if (typeof value !== "object" || value === null) return false;
  const { message, name, stack } = value as Record<string, unknown>;
  return (
    typeof message === "string" &&
    typeof name === "string" &&
    (stack === undefined || typeof stack === "string")
  );
}

/**
 * Serdes of `allSettled` results: `Error` rejection reasons are stored as
 * `{ message, name, stack }` and rebuilt as `Error`s; everything else is plain JSON.
 */
export const allSettledSerdes: Serdes<PromiseSettledResult<unknown>[]> = /* @__PURE__ */ jsonSerdes(
  (value) =>
    value.map((entry) => {
      if (entry.status !== "rejected" || !(entry.reason instanceof Error)) return entry;
      const { message, name, stack } = entry.reason;
      return { status: "rejected", reason: { message, name, stack } };
    }),
  (json) =>
    (json as PromiseSettledResult<unknown>[]).map((entry) => {
      if (entry.status !== "rejected" || !isStoredReason(entry.reason)) return entry;
      const error = new Error(entry.reason.message);
      error.name = entry.reason.name;
      if (entry.reason.stack !== undefined) error.stack = entry.reason.stack;
      return { status: "rejected", reason: error };
    }),
);

/** Builds the `context.promise` object of `ctx`; each combinator is lazy until observed. */
export function createPromiseCombinators(ctx: CompositeContext): DurablePromiseCombinators {
  const make =
    (kind: CombinatorKind) =>
    (first: unknown, second?: unknown): DurablePromise<unknown> => {
      const [name, promises] = parseNamedArgs<unknown>(first, second);
      return new DurablePromise(() => runCombinator(ctx, kind, name, promises));
    };
  return {
    all: make("all"),
    allSettled: make("allSettled"),
    any: make("any"),
    race: make("race"),
  } as DurablePromiseCombinators;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === "object" || typeof value === "function") &&
    value !== null &&
    typeof (value as { then?: unknown }).then === "function"
  );
}

async function runCombinator(
  ctx: CompositeContext,
  kind: CombinatorKind,
  name: string | undefined,
  promises: unknown,
): Promise<unknown> {
  if (
    promises === null ||
    typeof promises !== "object" ||
    typeof (promises as Iterable<unknown>)[Symbol.iterator] !== "function"
  ) {
    throw new TypeError(`context.promise.${kind} requires an array of promises`);
  }
  const inputs = Array.from(promises as Iterable<unknown>);
  // On replay the stored outcome is used and the inputs are not awaited: keep native
  // promises that reject from being reported as unhandled.
  for (const input of inputs) if (input instanceof Promise) input.catch(() => undefined);
  // Lazy inputs (e.g. other combinators) are observed where the combinator was awaited,
  // not inside its child context, so they number and check their context as the caller's.
  const callerScope = currentScope();
  const body = async (): Promise<unknown> => {
    const observed = runInScope(callerScope, () =>
      inputs.map((p) =>
        isThenable(p) ? new Promise<unknown>((resolve, reject) => p.then(resolve, reject)) : p,
      ),
    );
    return (Promise as unknown as Record<CombinatorKind, (v: unknown[]) => Promise<unknown>>)[kind](
      observed,
    );
  };
  // The child's failure becomes the combinator's error directly (no ChildContextError in
  // between), fresh and on replay alike: PromiseCombinatorError → StepError → cause.
  const config: ChildConfig<unknown> = { errorMapper: toCombinatorError };
  if (kind === "allSettled") config.serdes = allSettledSerdes as Serdes<unknown>;
  return await ctx.runChildOperation<unknown>("runInChildContext", name, body, config);
}

function toCombinatorError(inner: DurableOperationError): PromiseCombinatorError {
  return new PromiseCombinatorError(inner.message, inner);
}
