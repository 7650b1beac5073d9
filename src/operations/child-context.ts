import { runInScope } from "../context/active-scope";
import type { DurableContextCore } from "../context/durable-context-core";
import type { DurablePromise } from "../types/durable-promise";
import { ChildContextError, DurableOperationError } from "../errors/durable-operation-errors";
import { toErrorObject } from "../errors/error-object";
import type { ChildConfig } from "../types/operation-configs";
import type { Serdes } from "../types/serdes";
import { OperationStatus, OperationType, type WireOperation } from "../types/wire";
import { deserializeOrFail, serializeOrFail } from "./serdes-guard";
import { parseNamedArgs } from "./named-arguments";
import {
  argumentError,
  configError,
  functionOptionError,
  nameError,
  operationLabel,
  rejected,
  serdesError,
} from "./argument-errors";
import type { CompositeContext } from "./composite-context";
import { OperationCall, type OperationKind } from "./lifecycle";

/** Serialized child results larger than this (256 KiB) are rebuilt on replay instead of stored. */
export const MAX_CHILD_RESULT_BYTES = 262_144;

/**
 * Implements `context.runInChildContext`; composite operations built on a child context
 * (waitForCallback, map, parallel) pass their own `method` name for misuse errors.
 */
export function runInChildContext<T, C extends DurableContextCore>(
  ctx: CompositeContext,
  nameOrFn: string | undefined | ((child: C) => Promise<T>),
  fnOrConfig?: ((child: C) => Promise<T>) | ChildConfig<T>,
  maybeConfig?: ChildConfig<T>,
  method = "runInChildContext",
): DurablePromise<T> {
  const [name, fn, config = {}] = parseNamedArgs<(child: C) => Promise<T>, ChildConfig<T>>(
    nameOrFn,
    fnOrConfig,
    maybeConfig,
  );
  const badName = nameError(method, name);
  if (badName) return rejected(badName);
  const label = operationLabel(method, name, ctx);
  if (typeof fn !== "function") {
    return rejected(argumentError(label, "requires a function to run", fn));
  }
  const badConfig =
    configError(label, config) ??
    functionOptionError(label, "errorMapper", config.errorMapper) ??
    functionOptionError(label, "summaryGenerator", config.summaryGenerator) ??
    serdesError(label, "serdes", config.serdes);
  if (badConfig) return rejected(badConfig);
  const virtual = config.virtualContext === true;
  return new ChildContextOperation<T>(
    ctx,
    name,
    fn as (child: DurableContextCore) => Promise<T>,
    config,
  ).launch(method, virtual ? { virtual } : undefined);
}

/**
 * A CONTEXT: runs a body with its own child context. Finished (replayed) once it FAILED, or
 * SUCCEEDED with its result stored; one whose result was too large (or whose children are
 * kept) runs its body again to rebuild the result from the children's records.
 */
class ChildContextOperation<T> extends OperationCall implements OperationKind<T> {
  declare readonly ctx: CompositeContext;
  readonly #fn: (child: DurableContextCore) => Promise<T>;
  readonly #config: ChildConfig<T>;
  readonly #serdes: Serdes<T>;

  constructor(
    ctx: CompositeContext,
    name: string | undefined,
    fn: (child: DurableContextCore) => Promise<T>,
    config: ChildConfig<T>,
  ) {
    super(ctx, OperationType.CONTEXT, config.subType ?? "RunInChildContext", name);
    this.#fn = fn;
    this.#config = config;
    this.#serdes = config.serdes ?? ctx.defaultSerdes;
  }

  override isFinished(record: WireOperation): boolean {
    // A verify-only replay rebuilds finished contexts too, so the operations inside are checked.
    return (
      (record.Status === OperationStatus.SUCCEEDED &&
        !record.ContextDetails?.ReplayChildren &&
        !this.runtime.verifier) ||
      record.Status === OperationStatus.FAILED
    );
  }

  async replay(record: WireOperation): Promise<T> {
    const details = record.ContextDetails;
    if (record.Status === OperationStatus.SUCCEEDED) {
      return (await deserializeOrFail<T>(this, this.#serdes, details?.Result)) as T;
    }
    throw mapFailure(DurableOperationError.fromErrorObject(details?.Error ?? {}), this.#config);
  }

  async execute(): Promise<T> {
    const { ctx, runtime } = this;
    const config = this.#config;
    const virtual = config.virtualContext === true;
    const record = this.existing;
    const rebuilding = record?.Status === OperationStatus.SUCCEEDED;
    const child = ctx.createChildContext(this.rawId, {
      virtual,
      operationId: this.id,
      operationName: this.name,
      rebuilding,
    });

    const preserveChildren = !virtual && child.contextDepth <= runtime.childOperationsDepth;
    if (!record && !virtual) void this.checkpoint("START");
    // The body starts after the caller's synchronous code, as in the reference SDK: operations
    // the caller starts right after this call are numbered and queued before the body's own.
    await Promise.resolve();
    // A virtual context or a rebuild is not an operation of this invocation for plugins.
    if (!virtual && !rebuilding) {
      const announced = this.announce(child);
      if (announced) await announced;
    }

    let result: T;
    try {
      const body = (): Promise<T> =>
        runInScope(
          {
            kind: "context",
            contextId: this.rawId,
            operationId: this.id,
            operationName: this.name,
          },
          () => this.#fn(child),
        );
      result = await this.wrapChildBody(body);
    } catch (thrown) {
      // The child is finished once its body has returned: later updates from work still running
      // inside it are dropped (a rebuild never needs them: see `rebuilding` in the context).
      child.markFinished();
      // A rebuild that fails (the body no longer does what it did) surfaces the body's own
      // error, unwrapped, as the reference SDK does; the recorded context is left as it is.
      if (rebuilding) throw thrown;
      const errorObject = toErrorObject(thrown);
      if (!virtual) {
        void this.fail(
          errorObject,
          preserveChildren ? { ContextOptions: { ReplayChildren: true } } : undefined,
        );
      }
      throw mapFailure(DurableOperationError.fromErrorObject(errorObject), config);
    }
    child.markFinished();
    const payload = await serializeOrFail(this, this.#serdes, result);
    if (!virtual && !rebuilding) {
      const tooLarge =
        payload !== undefined && Buffer.byteLength(payload, "utf8") > MAX_CHILD_RESULT_BYTES;
      void this.succeed({
        Payload: tooLarge
          ? config.summaryGenerator
            ? config.summaryGenerator(result)
            : ""
          : payload,
        ContextOptions: tooLarge || preserveChildren ? { ReplayChildren: true } : undefined,
      });
    }
    return (await deserializeOrFail<T>(this, this.#serdes, payload)) as T;
  }
}

function mapFailure<T>(
  inner: DurableOperationError,
  config: ChildConfig<T>,
): DurableOperationError {
  return config.errorMapper
    ? config.errorMapper(inner)
    : new ChildContextError(inner.message, inner);
}
