import type { DurableContextCore, OperationIdentity } from "../context/durable-context-impl";
import { DurablePromise, ObservationGate, stalled } from "../context/durable-promise";
import { InvokeError } from "../errors/durable-operation-errors";
import type { InvokeConfig } from "../types/operation-configs";
import { OperationStatus, OperationType } from "../types/wire";
import type { ChainedInvokeOptions } from "../types/wire";
import { awaitServiceCompletion } from "./service-completion";
import { deserializeOrFail, serializeOrFail } from "./serdes-guard";
import {
  argumentError,
  configError,
  nameError,
  operationLabel,
  serdesError,
  type PositionSource,
} from "./argument-errors";
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
  const invalid = nameError("invoke", name) ?? invalidArguments(ctx, name, functionId, config);
  if (invalid) return DurablePromise.fromRunning(Promise.reject(invalid));
  const op = ctx.beginOperation("invoke", {
    type: OperationType.CHAINED_INVOKE,
    subType: "ChainedInvoke",
    name,
  });
  if (!op) return stalled();
  const observed = new ObservationGate();
  return DurablePromise.fromRunning(
    runInvoke(ctx, op, functionId, input, config, observed),
    observed,
  );
}

/** A `TypeError` naming the operation when the function id or config cannot be used. */
function invalidArguments(
  position: PositionSource,
  name: string | undefined,
  functionId: unknown,
  config: unknown,
): TypeError | undefined {
  const label = operationLabel("invoke", name, position);
  if (typeof functionId !== "string" || functionId.length === 0) {
    return argumentError(
      label,
      "requires a function name or ARN as a non-empty string",
      functionId,
    );
  }
  const { payloadSerdes, resultSerdes, tenantId } = (config ?? {}) as InvokeConfig<
    unknown,
    unknown
  >;
  const badTenant = tenantId !== undefined && tenantId !== null && typeof tenantId !== "string";
  return (
    configError(label, config) ??
    serdesError(label, "payloadSerdes", payloadSerdes, "serialize") ??
    serdesError(label, "resultSerdes", resultSerdes, "deserialize") ??
    (badTenant ? argumentError(label, "tenantId must be a string", tenantId) : undefined)
  );
}

async function runInvoke<I, O>(
  ctx: DurableContextCore,
  op: OperationIdentity,
  functionId: string,
  input: I | undefined,
  config: InvokeConfig<I, O>,
  observed: ObservationGate,
): Promise<O> {
  const { runtime } = ctx;
  const { plugins } = runtime;
  const live = op.existing === undefined || op.existing.Status === OperationStatus.STARTED;
  if (plugins.active && live) {
    await runtime.opStart(op, op.existing !== undefined);
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
        Payload: payload,
        ChainedInvokeOptions: options,
      }),
    );
  }
  const record = await awaitServiceCompletion(ctx, op, live, observed);
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
