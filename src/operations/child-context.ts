import { runInScope } from "../context/active-scope";
import type { DurableContextCore, OperationIdentity } from "../context/durable-context-impl";
import { DurablePromise, stalled } from "../context/durable-promise";
import { ChildContextError, DurableOperationError } from "../errors/durable-operation-errors";
import { toErrorObject } from "../errors/error-object";
import type { ChildConfig } from "../types/operation-configs";
import { OperationStatus, OperationType } from "../types/wire";
import { deserializeOrFail, serializeOrFail } from "./serdes-guard";
import { parseNamedArgs } from "./step";
import {
  argumentError,
  configError,
  functionOptionError,
  nameError,
  operationLabel,
  rejected,
  serdesError,
} from "./argument-errors";
import { updateFor } from "./update-builder";

/** Serialized child results larger than this (256 KiB) are rebuilt on replay instead of stored. */
export const MAX_CHILD_RESULT_BYTES = 262_144;

/** Creates the context object handed to a child body; provided by the public context class. */
export type ChildContextFactory = (
  parent: DurableContextCore,
  rawId: string,
  options: {
    virtual: boolean;
    operationId: string;
    operationName: string | undefined;
    rebuilding: boolean;
  },
) => DurableContextCore;

/**
 * Implements `context.runInChildContext`; composite operations built on a child context
 * (waitForCallback, map, parallel) pass their own `method` name for misuse errors.
 */
export function runInChildContext<T, C extends DurableContextCore>(
  ctx: DurableContextCore,
  createChild: ChildContextFactory,
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
    serdesError(label, "serdes", config.serdes, "serialize") ??
    serdesError(label, "serdes", config.serdes, "deserialize");
  if (badConfig) return rejected(badConfig);
  const op = ctx.beginOperation(method, {
    type: OperationType.CONTEXT,
    subType: config.subType ?? "RunInChildContext",
    name,
    virtual: config.virtualContext === true,
  });
  if (!op) return stalled();
  return DurablePromise.fromRunning(
    runChild(ctx, createChild, op, fn as (child: DurableContextCore) => Promise<T>, config),
  );
}

async function runChild<T>(
  ctx: DurableContextCore,
  createChild: ChildContextFactory,
  op: OperationIdentity,
  fn: (child: DurableContextCore) => Promise<T>,
  config: ChildConfig<T>,
): Promise<T> {
  const { runtime } = ctx;
  const serdes = config.serdes ?? ctx.defaultSerdes;
  const virtual = config.virtualContext === true;
  const record = op.existing;
  const details = record?.ContextDetails;
  // A verify-only replay rebuilds finished contexts too, so the operations inside are checked.
  if (
    record?.Status === OperationStatus.SUCCEEDED &&
    !details?.ReplayChildren &&
    !runtime.verifier
  ) {
    return (await deserializeOrFail<T>(runtime, op, serdes, details?.Result)) as T;
  }
  if (record?.Status === OperationStatus.FAILED) {
    throw mapFailure(DurableOperationError.fromErrorObject(details?.Error ?? {}), config);
  }
  const rebuilding = record?.Status === OperationStatus.SUCCEEDED;
  const child = createChild(ctx, op.rawId, {
    virtual,
    operationId: op.id,
    operationName: op.name,
    rebuilding,
  });

  const preserveChildren = !virtual && child.contextDepth <= runtime.childOperationsDepth;
  const { plugins } = runtime;
  const reportPlugins = plugins.active && !virtual && !rebuilding;
  const reportEnd = (acknowledged: Promise<void>): void => {
    if (reportPlugins) {
      void acknowledged.then(() => runtime.opEnd(op));
    }
  };
  if (!record && !virtual) void runtime.checkpoint(ctx, updateFor(op, "START"));
  // The body starts after the caller's synchronous code, as in the reference SDK: operations
  // the caller starts right after this call are numbered and queued before the body's own.
  await Promise.resolve();
  const startInfo = reportPlugins
    ? {
        ...runtime.operationInfo(op, record !== undefined),
        isReplayingChildren: child.isReplaying(),
      }
    : undefined;
  if (startInfo) await plugins.notify("onOperationStart", startInfo);

  let result: T;
  try {
    const body = (): Promise<T> =>
      runInScope(
        { kind: "context", contextId: op.rawId, operationId: op.id, operationName: op.name },
        () => fn(child),
      );
    result = await (startInfo ? plugins.wrap("wrapChildContextFn", startInfo, body) : body());
  } catch (thrown) {
    // The child is finished once its body has returned: later updates from work still running
    // inside it are dropped (a rebuild never needs them: see `rebuilding` in the context).
    child.markFinished();
    // A rebuild that fails (the body no longer does what it did) surfaces the body's own
    // error, unwrapped, as the reference SDK does; the recorded context is left as it is.
    if (rebuilding) throw thrown;
    const errorObject = toErrorObject(thrown);
    if (!virtual && !rebuilding) {
      const options = preserveChildren ? { ContextOptions: { ReplayChildren: true } } : {};
      reportEnd(runtime.checkpoint(ctx, updateFor(op, "FAIL", { Error: errorObject, ...options })));
    }
    throw mapFailure(DurableOperationError.fromErrorObject(errorObject), config);
  }
  child.markFinished();
  const payload = await serializeOrFail(runtime, op, serdes, result);
  if (!virtual && !rebuilding) {
    const tooLarge =
      payload !== undefined && Buffer.byteLength(payload, "utf8") > MAX_CHILD_RESULT_BYTES;
    const update = updateFor(op, "SUCCEED", {
      Payload: tooLarge
        ? config.summaryGenerator
          ? config.summaryGenerator(result)
          : ""
        : payload,
      ContextOptions: tooLarge || preserveChildren ? { ReplayChildren: true } : undefined,
    });
    reportEnd(runtime.checkpoint(ctx, update));
  }
  return (await deserializeOrFail<T>(runtime, op, serdes, payload)) as T;
}

function mapFailure<T>(
  inner: DurableOperationError,
  config: ChildConfig<T>,
): DurableOperationError {
  return config.errorMapper
    ? config.errorMapper(inner)
    : new ChildContextError(inner.message, inner);
}
