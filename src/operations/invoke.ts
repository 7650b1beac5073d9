import type { DurableContextCore, OperationIdentity } from "../context/durable-context-impl";
import { DurablePromise } from "../context/durable-promise";
import { InvokeError } from "../errors/durable-operation-errors";
import type { InvokeConfig } from "../types/operation-configs";
import { OperationStatus, OperationType } from "../types/wire";
import type { ChainedInvokeOptions } from "../types/wire";
import { deserializeOrFail, serializeOrFail } from "./serdes-guard";
import { updateFor } from "./update-builder";

/**
 * Implements `context.invoke`. The call is the named form exactly when the second argument
 * is a string, so a plain string input needs the named form.
 */
export function invoke<I, O>(
  ctx: DurableContextCore,
  first: string,
  second?: string | I,
  third?: I | InvokeConfig<I, O>,
  fourth?: InvokeConfig<I, O>,
): DurablePromise<O> {
  const named = typeof second === "string";
  const name = named ? first : undefined;
  const functionId = named ? (second as string) : first;
  const input = (named ? third : second) as I | undefined;
  const config = ((named ? fourth : third) ?? {}) as InvokeConfig<I, O>;
  if (typeof functionId !== "string" || functionId.length === 0) {
    return DurablePromise.fromRunning(
      Promise.reject(
        new TypeError(
          `invoke${name ? ` "${name}"` : ""} requires a function name or ARN as a non-empty string; got ${String(functionId)}.`,
        ),
      ),
    );
  }
  const op = ctx.beginOperation("invoke", {
    type: OperationType.CHAINED_INVOKE,
    subType: "ChainedInvoke",
    name,
  });
  if (!op) return new DurablePromise(() => new Promise<O>(() => undefined));
  return DurablePromise.fromRunning(runInvoke(ctx, op, functionId, input, config));
}

async function runInvoke<I, O>(
  ctx: DurableContextCore,
  op: OperationIdentity,
  functionId: string,
  input: I | undefined,
  config: InvokeConfig<I, O>,
): Promise<O> {
  const { runtime } = ctx;
  const { plugins } = runtime;
  const live = op.existing === undefined || op.existing.Status === OperationStatus.STARTED;
  if (plugins.active && live) {
    await plugins.notify("onOperationStart", runtime.operationInfo(op, op.existing !== undefined));
  }
  if (!op.existing) {
    const payload = await serializeOrFail(
      runtime,
      op,
      config.payloadSerdes ?? ctx.defaultSerdes,
      input,
    );
    const options: ChainedInvokeOptions = { FunctionName: functionId };
    if (config.tenantId) options.TenantId = config.tenantId;
    await runtime.checkpoint(
      ctx,
      updateFor(op, "START", {
        ...(payload === undefined ? {} : { Payload: payload }),
        ChainedInvokeOptions: options,
      }),
    );
  }
  const record = await runtime.waitForOperation(
    ctx,
    op.id,
    (o) => o.Status !== OperationStatus.STARTED,
    undefined,
  );
  if (plugins.active) {
    const isReplay = !live && !runtime.updatedOperationIds.has(op.id);
    await plugins.notify("onOperationEnd", runtime.operationInfo(op, isReplay));
  }
  const details = record.ChainedInvokeDetails;
  if (record.Status === OperationStatus.SUCCEEDED) {
    const serdes = config.resultSerdes ?? ctx.defaultSerdes;
    return (await deserializeOrFail<O>(runtime, op, serdes, details?.Result)) as O;
  }
  const message = details?.Error?.ErrorMessage;
  throw new InvokeError(
    message || "Invoke failed",
    message ? new Error(message) : undefined,
    details?.Error?.ErrorData,
  );
}
