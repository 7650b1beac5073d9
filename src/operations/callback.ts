import type { DurableContextCore } from "../context/durable-context-core";
import { DurablePromise } from "../types/durable-promise";
import { never, ObservationGate } from "../context/durable-promise";
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
import type { CallbackOptions, ErrorObject, WireOperation } from "../types/wire";
import { deserializeOrFail } from "./serdes-guard";
import {
  configError,
  nameError,
  operationLabel,
  rejected,
  serdesError,
  type PositionSource,
} from "./argument-errors";
import { OperationCall, type OperationKind } from "./lifecycle";
import { parseNamedArgs } from "./named-arguments";

/** Implements `context.createCallback`. */
export function createCallback<T = string>(
  ctx: DurableContextCore,
  nameOrConfig?: string | CreateCallbackConfig<T>,
  maybeConfig?: CreateCallbackConfig<T>,
): DurablePromise<CreateCallbackResult<T>> {
  const [name, given] = parseNamedArgs<CreateCallbackConfig<T>>(nameOrConfig, maybeConfig);
  const config = given ?? {};
  let options: CallbackOptions;
  try {
    options = callbackOptions("createCallback", name, config, ctx);
  } catch (error) {
    return rejected(error);
  }
  return new CallbackOperation<T>(ctx, name, config, options).launch("createCallback");
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

/**
 * A CALLBACK: hands out its callback id at once and a promise of the answer, which the
 * service records; finished (replayed) once it is no longer STARTED.
 */
class CallbackOperation<T> extends OperationCall implements OperationKind<CreateCallbackResult<T>> {
  readonly #config: CreateCallbackConfig<T>;
  readonly #options: CallbackOptions;

  constructor(
    ctx: DurableContextCore,
    name: string | undefined,
    config: CreateCallbackConfig<T>,
    options: CallbackOptions,
  ) {
    super(ctx, OperationType.CALLBACK, "Callback", name);
    this.#config = config;
    this.#options = options;
  }

  async replay(): Promise<CreateCallbackResult<T>> {
    return this.#handOut();
  }

  async execute(): Promise<CreateCallbackResult<T>> {
    const announced = this.announce();
    if (announced) await announced;
    if (!this.existing) await this.checkpoint("START", { CallbackOptions: this.#options });
    return this.#handOut();
  }

  /** The callback id and the promise of the answer. */
  #handOut(): CreateCallbackResult<T> | Promise<never> {
    const { ctx } = this;
    const callbackId = this.record?.CallbackDetails?.CallbackId;
    if (!callbackId) {
      if (ctx.isAbandoned()) return never();
      throw new CallbackError(
        this.existing
          ? `No callback ID found for started callback: ${this.id}`
          : `No callback ID found for callback: ${this.id}`,
      );
    }
    const deserializer =
      this.#config.serdes ?? ctx.defaultCallbackDeserializer ?? passThroughSerdes;
    const observed = new ObservationGate();
    const outcome = (async (): Promise<T> => {
      const done = await this.awaitCompletion(observed);
      return settle<T>(this, done, deserializer);
    })();
    return [DurablePromise.fromRunning(outcome, observed), callbackId];
  }
}

async function settle<T>(
  op: OperationCall,
  record: WireOperation,
  deserializer: AnySerdesDeserializer,
): Promise<T> {
  const details = record.CallbackDetails;
  if (record.Status === OperationStatus.SUCCEEDED) {
    return (await deserializeOrFail<T>(op, deserializer, details?.Result)) as T;
  }
  const error = details?.Error;
  const status = record.Status;
  const ErrorClass =
    status === OperationStatus.TIMED_OUT
      ? CallbackTimeoutError
      : status === OperationStatus.FAILED
        ? CallbackExternalError
        : CallbackError;
  // A timeout or an external failure without a message gets its class's default message;
  // any other end (the service stopped the callback, say) names the status it ended with.
  const fallback = ErrorClass === CallbackError ? `Callback ended with status ${status}` : "";
  throw new ErrorClass(error?.ErrorMessage || fallback, causeOf(error), error?.ErrorData);
}

/** The error reported by the external system (or the service) as a plain `Error`. */
function causeOf(error: ErrorObject | undefined): Error | undefined {
  if (!error) return undefined;
  const cause = new Error(error.ErrorMessage ?? "");
  cause.name = error.ErrorType || "Error";
  return cause;
}
