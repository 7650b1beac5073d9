import { runUserAttempt } from "./attempt-runner";
import type { DurableContextCore } from "../context/durable-context-core";
import type { DurablePromise } from "../types/durable-promise";
import { never } from "../context/durable-promise";
import { DurableOperationError } from "../errors/durable-operation-errors";
import { toErrorObject } from "../errors/error-object";
import { StepInterruptedError } from "../errors/step-interrupted-error";
import { checkedDurationSeconds } from "../retry/duration";
import { defaultRetryStrategy } from "../retry/retry-presets";
import type { StepConfig, StepFunc } from "../types/operation-configs";
import { StepSemantics, type RetryDecision } from "../types/retry";
import type { Serdes } from "../types/serdes";
import { OperationStatus, OperationType, type WireOperation } from "../types/wire";
import { deserializeOrFail, serializeOrFail } from "./serdes-guard";
import { attemptTimeoutSeconds, timeoutError } from "./attempt-timeout";
import {
  argumentError,
  configError,
  functionOptionError,
  nameError,
  oneOfError,
  operationLabel,
  rejected,
  serdesError,
} from "./argument-errors";
import type { OperationCall, OperationKind } from "./lifecycle";
import { RetriedOperation } from "./retried-operation";
import { parseNamedArgs } from "./named-arguments";

/** Implements `context.step`. */
export function step<T>(
  ctx: DurableContextCore,
  nameOrFn: string | undefined | StepFunc<T>,
  fnOrConfig?: StepFunc<T> | StepConfig<T>,
  maybeConfig?: StepConfig<T>,
): DurablePromise<T> {
  // Read by index: destructuring walks the iterator protocol, which costs more than the rest
  // of this call until V8 optimizes it, and every step of every replay passes here.
  const args = parseNamedArgs<StepFunc<T>, StepConfig<T>>(nameOrFn, fnOrConfig, maybeConfig);
  const name = args[0];
  const fn = args[1];
  const config = args[2];
  const invalid = stepArgumentsError(ctx, name, fn, config);
  if (invalid) return rejected(invalid);
  return new StepOperation(ctx, name, fn, config ?? {}).launch("step");
}

const SEMANTICS: readonly unknown[] = Object.values(StepSemantics);

/**
 * Pipelined checkpoints: past this many queued updates a step waits for its acknowledgement
 * after all, so a handler far faster than the service keeps a bounded amount of work at risk.
 */
const MAX_BACKLOG = 500;

/** The error for a step call that cannot run as written, if it is one (nothing has run yet). */
function stepArgumentsError(
  ctx: DurableContextCore,
  name: string | undefined,
  fn: unknown,
  config: unknown,
): TypeError | undefined {
  const badName = nameError("step", name);
  // The common call (a function, no config) needs no label: build it only to name a problem.
  if (badName || (typeof fn === "function" && config === undefined)) return badName;
  const label = operationLabel("step", name, ctx);
  if (typeof fn !== "function") return argumentError(label, "requires a function to run", fn);
  const { semantics, retryStrategy, serdes, timeout } = (config ?? {}) as StepConfig<unknown>;
  return (
    configError(label, config) ??
    timeoutError(label, "timeout", timeout) ??
    oneOfError(label, "semantics", SEMANTICS, semantics) ??
    functionOptionError(label, "retryStrategy", retryStrategy) ??
    serdesError(label, "serdes", serdes)
  );
}

/** A STEP: runs user code with retries; finished once it SUCCEEDED or FAILED. */
class StepOperation<T> extends RetriedOperation implements OperationKind<T> {
  readonly #fn: StepFunc<T>;
  readonly #config: StepConfig<T>;
  readonly #serdes: Serdes<T>;

  constructor(
    ctx: DurableContextCore,
    name: string | undefined,
    fn: StepFunc<T>,
    config: StepConfig<T>,
  ) {
    super(ctx, OperationType.STEP, "Step", name);
    this.#fn = fn;
    this.#config = config;
    this.#serdes = config.serdes ?? ctx.defaultSerdes;
  }

  replay(record: WireOperation): Promise<T> {
    if (record.Status === OperationStatus.SUCCEEDED) {
      return deserializeOrFail<T>(this, this.#serdes, record.StepDetails?.Result) as Promise<T>;
    }
    return Promise.reject(DurableOperationError.fromErrorObject(record.StepDetails?.Error ?? {}));
  }

  async execute(): Promise<T> {
    const config = this.#config;
    const retryStrategy = config.retryStrategy ?? defaultRetryStrategy;
    const atMostOnce = config.semantics === StepSemantics.AtMostOncePerRetry;
    const timeoutSeconds = attemptTimeoutSeconds(config.timeout);
    for (;;) {
      const { record } = this;
      if (record && this.isFinished(record)) return await this.replay(record);
      if (record?.Status === OperationStatus.PENDING) {
        await this.waitForRetryTimer(record);
        continue;
      }
      const attempt = (record?.StepDetails?.Attempt ?? 0) + 1;
      const interrupted = record?.Status === OperationStatus.STARTED;
      const announced = this.announce();
      if (announced) await announced;
      if (interrupted && atMostOnce) {
        const error = new StepInterruptedError(this.rawId, this.name);
        await settleFailure(this, error, attempt, retryStrategy);
        continue;
      }
      if (!interrupted) {
        const started = this.checkpoint("START");
        if (atMostOnce) await started;
      }
      let value: T;
      try {
        value = await runUserAttempt(this, this.#fn, {
          label: this.label,
          attempt,
          timeoutSeconds,
        });
      } catch (error) {
        await settleFailure(this, error, attempt, retryStrategy);
        continue;
      }
      const payload = await serializeOrFail(this, this.#serdes, value);
      const acknowledged = this.succeed({ Payload: payload });
      if (!(this.runtime.pipelined && !atMostOnce) || this.runtime.batcher.backlog > MAX_BACKLOG)
        await acknowledged;
      return (await deserializeOrFail<T>(this, this.#serdes, payload)) as T;
    }
  }
}

/**
 * Seconds until the retry of a failed attempt, or `undefined` when the retry strategy's
 * decision is not to retry. A decision that is not `{ shouldRetry: boolean, delay?: Duration }`
 * with a usable delay (whole seconds, 1 s to 366 days) throws a `TypeError` naming the step.
 */
function retryDelaySeconds(op: OperationCall, decision: unknown): number | undefined {
  const label = `${op.label}: retryStrategy`;
  if (typeof decision !== "object" || decision === null) {
    throw argumentError(
      label,
      "must return { shouldRetry: false } or { shouldRetry: true, delay: { seconds: 5 } }",
      decision,
    );
  }
  const { shouldRetry, delay } = decision as RetryDecision;
  return shouldRetry
    ? checkedDurationSeconds(label, "delay", delay ?? { seconds: 1 }, "delay")
    : undefined;
}

/**
 * Asks the retry strategy about a failed attempt and checkpoints RETRY (then the caller
 * loops and waits for the retry timer) or FAIL (then this throws the rebuilt error).
 */
async function settleFailure(
  op: OperationCall,
  thrown: unknown,
  attempt: number,
  retryStrategy: NonNullable<StepConfig<unknown>["retryStrategy"]>,
): Promise<void> {
  let errorObject = toErrorObject(thrown);
  const error = thrown instanceof Error ? thrown : new Error("Unknown Error");
  const decision: unknown = retryStrategy(error, attempt);
  let delaySeconds: number | undefined;
  try {
    delaySeconds = retryDelaySeconds(op, decision);
  } catch (invalid) {
    // An unusable decision fails the step (FAIL). A strategy that throws is not caught here:
    // its error rejects the step with no checkpoint, as in the reference SDK 2.4.0.
    errorObject = toErrorObject(invalid);
  }
  if (delaySeconds !== undefined) {
    // Once the enclosing context has finished nobody observes this step any more: park it.
    if (op.ctx.isAbandoned()) return never();
    await op.checkpoint("RETRY", {
      Error: errorObject,
      StepOptions: { NextAttemptDelaySeconds: delaySeconds },
    });
    return;
  }
  await op.fail(errorObject);
  throw DurableOperationError.fromErrorObject(errorObject);
}
