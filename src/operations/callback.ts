import type { DurableContextCore, OperationIdentity } from "../context/durable-context-impl";
import { DurablePromise, ObservationGate, stalled } from "../context/durable-promise";
import {
  CallbackError,
  CallbackExternalError,
  CallbackTimeoutError,
} from "../errors/durable-operation-errors";
import { checkedDurationSeconds } from "../retry/duration";
import { passThroughSerdes } from "../serdes/passthrough-serdes";
import type { CreateCallbackResult } from "../types/durable-context";
import type { CreateCallbackConfig } from "../types/operation-configs";
import type { AnySerdesDeserializer } from "../types/serdes";
import { OperationStatus, OperationType } from "../types/wire";
import type { CallbackOptions, ErrorObject, Operation } from "../types/wire";
import { deserializeOrFail } from "./serdes-guard";
import { awaitServiceCompletion } from "./service-completion";
import {
  configError,
  nameError,
  operationLabel,
  rejected,
  serdesError,
  type PositionSource,
} from "./argument-errors";
import { updateFor } from "./update-builder";

/** Implements `context.createCallback`. */
export function createCallback<T = string>(
  ctx: DurableContextCore,
  nameOrConfig?: string | CreateCallbackConfig<T>,
  maybeConfig?: CreateCallbackConfig<T>,
): DurablePromise<CreateCallbackResult<T>> {
  const named = typeof nameOrConfig === "string" || nameOrConfig === undefined;
  const name = named ? (nameOrConfig as string | undefined) : undefined;
  const config = (named ? maybeConfig : nameOrConfig) ?? {};
  let options: CallbackOptions;
  try {
    options = callbackOptions("createCallback", name, config, ctx);
  } catch (error) {
    return rejected(error);
  }
  const op = ctx.beginOperation("createCallback", {
    type: OperationType.CALLBACK,
    subType: "Callback",
    name,
  });
  if (!op) return stalled();
  return DurablePromise.fromRunning(startCallback(ctx, op, config, options));
}

/**
 * Checks the name and shape of a callback config and builds its `CallbackOptions` (`{}`
 * when no timeout is set). A bad name, a config that is not an object, or a timeout that is
 * not a whole number of seconds (0 meaning none) throws a `TypeError` naming the operation.
 */
export function callbackOptions(
  operation: string,
  name: string | undefined,
  config: unknown,
  position: PositionSource,
): CallbackOptions {
  const badName = nameError(operation, name);
  if (badName) throw badName;
  const label = operationLabel(operation, name, position);
  const { timeout, heartbeatTimeout, serdes } = (config ?? {}) as CreateCallbackConfig<unknown>;
  const invalid = configError(label, config) ?? serdesError(label, "serdes", serdes, "deserialize");
  if (invalid) throw invalid;
  const options: CallbackOptions = {};
  if (timeout !== undefined) {
    options.TimeoutSeconds = checkedDurationSeconds(label, "timeout", timeout, "timeout");
  }
  if (heartbeatTimeout !== undefined) {
    options.HeartbeatTimeoutSeconds = checkedDurationSeconds(
      label,
      "heartbeatTimeout",
      heartbeatTimeout,
      "timeout",
    );
  }
  return options;
}

async function startCallback<T>(
  ctx: DurableContextCore,
  op: OperationIdentity,
  config: CreateCallbackConfig<T>,
  options: CallbackOptions,
): Promise<CreateCallbackResult<T>> {
  const { runtime } = ctx;
  const { plugins } = runtime;
  const live = op.existing === undefined || op.existing.Status === OperationStatus.STARTED;
  if (plugins.active && live) {
    await runtime.opStart(op, op.existing !== undefined);
  }
  if (!op.existing) {
    await runtime.checkpoint(ctx, updateFor(op, "START", { CallbackOptions: options }));
  }
  const record = runtime.state.get(op.id);
  const callbackId = record?.CallbackDetails?.CallbackId;
  if (!callbackId) {
    if (ctx.isAbandoned()) return new Promise(() => undefined);
    throw new CallbackError(
      op.existing
        ? `No callback ID found for started callback: ${op.id}`
        : `No callback ID found for callback: ${op.id}`,
    );
  }
  const deserializer = config.serdes ?? ctx.defaultCallbackDeserializer ?? passThroughSerdes;
  const observed = new ObservationGate();
  const outcome = (async (): Promise<T> => {
    const done = await awaitServiceCompletion(ctx, op, live, observed);
    return settle<T>(ctx, op, done, deserializer);
  })();
  return [DurablePromise.fromRunning(outcome, observed), callbackId];
}

async function settle<T>(
  ctx: DurableContextCore,
  op: OperationIdentity,
  record: Operation,
  deserializer: AnySerdesDeserializer,
): Promise<T> {
  const details = record.CallbackDetails;
  if (record.Status === OperationStatus.SUCCEEDED) {
    return (await deserializeOrFail<T>(ctx.runtime, op, deserializer, details?.Result)) as T;
  }
  const error = details?.Error;
  if (record.Status === OperationStatus.TIMED_OUT) {
    throw new CallbackTimeoutError(error?.ErrorMessage, causeOf(error), error?.ErrorData);
  }
  if (record.Status === OperationStatus.FAILED) {
    throw new CallbackExternalError(error?.ErrorMessage, causeOf(error), error?.ErrorData);
  }
  throw new CallbackError(
    error?.ErrorMessage || `Callback ended with status ${record.Status}`,
    causeOf(error),
    error?.ErrorData,
  );
}

/** The error reported by the external system (or the service) as a plain `Error`. */
function causeOf(error: ErrorObject | undefined): Error | undefined {
  if (!error) return undefined;
  const cause = new Error(error.ErrorMessage ?? "");
  cause.name = error.ErrorType || "Error";
  return cause;
}
