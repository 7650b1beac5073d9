import type { DurableContextCore } from "../context/durable-context-core";
import type { DurablePromise } from "../types/durable-promise";
import { ObservationGate } from "../context/durable-promise";
import { InvokeError } from "../errors/durable-operation-errors";
import type { InvokeConfig } from "../types/operation-configs";
import { OperationStatus, OperationType } from "../types/wire";
import type { ChainedInvokeOptions, WireOperation } from "../types/wire";
import { deserializeOrFail, serializeOrFail } from "./serdes-guard";
import {
  argumentError,
  configError,
  nameError,
  operationLabel,
  rejected,
  serdesError,
  type PositionSource,
} from "./argument-errors";
import { OperationCall, type OperationKind } from "./lifecycle";

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
  if (invalid) return rejected(invalid);
  return new InvokeOperation<I, O>(ctx, name, functionId, input, config).launch("invoke");
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

/**
 * A CHAINED_INVOKE: starts another durable function, which the service runs and records;
 * finished (replayed) once it is no longer STARTED.
 */
class InvokeOperation<I, O> extends OperationCall implements OperationKind<O> {
  readonly observed = new ObservationGate();
  readonly #functionId: string;
  readonly #input: I | undefined;
  readonly #config: InvokeConfig<I, O>;

  constructor(
    ctx: DurableContextCore,
    name: string | undefined,
    functionId: string,
    input: I | undefined,
    config: InvokeConfig<I, O>,
  ) {
    super(ctx, OperationType.CHAINED_INVOKE, "ChainedInvoke", name);
    this.#functionId = functionId;
    this.#input = input;
    this.#config = config;
  }

  async replay(): Promise<O> {
    const record = await this.awaitCompletion(this.observed);
    return await this.#outcome(record);
  }

  async execute(): Promise<O> {
    const announced = this.announce();
    if (announced) await announced;
    if (!this.existing) {
      const config = this.#config;
      const payload = await serializeOrFail(
        this,
        config.payloadSerdes ?? this.ctx.defaultSerdes,
        this.#input,
      );
      const options: ChainedInvokeOptions = { FunctionName: this.#functionId };
      if (config.tenantId) options.TenantId = config.tenantId;
      await this.checkpoint("START", { Payload: payload, ChainedInvokeOptions: options });
    }
    const record = await this.awaitCompletion(this.observed);
    return await this.#outcome(record);
  }

  /** The invoked function's result, or its failure thrown as an `InvokeError`. */
  #outcome(record: WireOperation): Promise<O> {
    const details = record.ChainedInvokeDetails;
    if (record.Status === OperationStatus.SUCCEEDED) {
      const serdes = this.#config.resultSerdes ?? this.ctx.defaultSerdes;
      return deserializeOrFail<O>(this, serdes, details?.Result) as Promise<O>;
    }
    const message = details?.Error?.ErrorMessage;
    throw new InvokeError(
      message || "Invoke failed",
      message ? new Error(message) : undefined,
      details?.Error?.ErrorData,
    );
  }
}
