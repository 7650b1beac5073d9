import { runUserAttempt } from "./attempt-runner";
import type { DurableContextCore, OperationIdentity } from "../context/durable-context-impl";
import { DurablePromise, stalled } from "../context/durable-promise";
import { DurableOperationError } from "../errors/durable-operation-errors";
import { toErrorObject } from "../errors/error-object";
import { StepInterruptedError } from "../errors/step-interrupted-error";
import { durationToSeconds } from "../retry/duration";
import { retryPresets } from "../retry/retry-presets";
import type { StepConfig, StepFunc } from "../types/operation-configs";
import { StepSemantics } from "../types/retry";
import { OperationStatus, OperationType } from "../types/wire";
import { deserializeOrFail, serializeOrFail } from "./serdes-guard";
import { argumentError, operationLabel, rejected } from "./argument-errors";
import { updateFor } from "./update-builder";

/** Splits the `(name?, fn, config?)` / `(fn, config?)` overloads shared by several operations. */
export function parseNamedArgs<F, C>(
  first: string | undefined | F,
  second: F | C | undefined,
  third: C | undefined,
): [string | undefined, F, C | undefined] {
  if (typeof first === "string" || first === undefined)
    return [first as string | undefined, second as F, third];
  return [undefined, first, second as C | undefined];
}

/** Implements `context.step`. */
export function step<T>(
  ctx: DurableContextCore,
  nameOrFn: string | undefined | StepFunc<T>,
  fnOrConfig?: StepFunc<T> | StepConfig<T>,
  maybeConfig?: StepConfig<T>,
): DurablePromise<T> {
  const [name, fn, config] = parseNamedArgs<StepFunc<T>, StepConfig<T>>(
    nameOrFn,
    fnOrConfig,
    maybeConfig,
  );
  if (typeof fn !== "function") {
    return rejected(argumentError(operationLabel("step", name), "requires a function to run", fn));
  }
  const op = ctx.beginOperation("step", { type: OperationType.STEP, subType: "Step", name });
  if (!op) return stalled();
  return DurablePromise.fromRunning(runStep(ctx, op, fn, config ?? {}));
}

async function runStep<T>(
  ctx: DurableContextCore,
  op: OperationIdentity,
  fn: StepFunc<T>,
  config: StepConfig<T>,
): Promise<T> {
  const { runtime } = ctx;
  const serdes = config.serdes ?? ctx.defaultSerdes;
  const retryStrategy = config.retryStrategy ?? retryPresets.default;
  const atMostOnce = config.semantics === StepSemantics.AtMostOncePerRetry;
  const plugins = runtime.plugins;
  let startReported = false;

  for (;;) {
    let record = runtime.state.get(op.id);
    if (record?.Status === OperationStatus.SUCCEEDED) {
      return (await deserializeOrFail<T>(runtime, op, serdes, record.StepDetails?.Result)) as T;
    }
    if (record?.Status === OperationStatus.FAILED) {
      throw DurableOperationError.fromErrorObject(record.StepDetails?.Error ?? {});
    }
    if (record?.Status === OperationStatus.PENDING) {
      record = await runtime.waitForOperation(
        ctx,
        op.id,
        (o) => o.Status !== OperationStatus.PENDING,
        record.StepDetails?.NextAttemptTimestamp,
      );
      continue;
    }
    const attempt = (record?.StepDetails?.Attempt ?? 0) + 1;
    const interrupted = record?.Status === OperationStatus.STARTED;
    if (plugins.active && !startReported) {
      startReported = true;
      await runtime.opStart(op, record !== undefined || attempt > 1);
    }
    if (interrupted && atMostOnce) {
      const error = new StepInterruptedError(op.rawId, op.name);
      await settleFailure(ctx, op, error, attempt, retryStrategy);
      continue;
    }
    if (!interrupted) {
      const started = runtime.checkpoint(ctx, updateFor(op, "START"));
      if (atMostOnce) await started;
    }
    const outcome = await runAttempt(ctx, op, fn, attempt);
    if (outcome.ok) {
      const payload = await serializeOrFail(runtime, op, serdes, outcome.value);
      await runtime.checkpoint(ctx, updateFor(op, "SUCCEED", { Payload: payload }));
      if (plugins.active) await runtime.opEnd(op);
      return (await deserializeOrFail<T>(runtime, op, serdes, payload)) as T;
    }
    await settleFailure(ctx, op, outcome.error, attempt, retryStrategy);
  }
}

type AttemptOutcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

function runAttempt<T>(
  ctx: DurableContextCore,
  op: OperationIdentity,
  fn: StepFunc<T>,
  attempt: number,
): Promise<AttemptOutcome<T>> {
  return runUserAttempt(ctx, op, () => fn({ logger: ctx.operationLogger, attempt }), attempt).then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error }),
  );
}

/**
 * Asks the retry strategy about a failed attempt and checkpoints RETRY (then the caller
 * loops and waits for the retry timer) or FAIL (then this throws the rebuilt error).
 */
async function settleFailure(
  ctx: DurableContextCore,
  op: OperationIdentity,
  thrown: unknown,
  attempt: number,
  retryStrategy: NonNullable<StepConfig<unknown>["retryStrategy"]>,
): Promise<void> {
  const error = thrown instanceof Error ? thrown : new Error("Unknown Error");
  const errorObject = toErrorObject(thrown);
  const decision = retryStrategy(error, attempt);
  if (decision.shouldRetry) {
    // Once the enclosing context has finished nobody observes this step any more: park it.
    if (ctx.isAbandoned()) return new Promise(() => undefined);
    const delaySeconds = durationToSeconds(decision.delay ?? { seconds: 1 });
    await ctx.runtime.checkpoint(
      ctx,
      updateFor(op, "RETRY", {
        Error: errorObject,
        StepOptions: { NextAttemptDelaySeconds: delaySeconds },
      }),
    );
    return;
  }
  await ctx.runtime.checkpoint(ctx, updateFor(op, "FAIL", { Error: errorObject }));
  if (ctx.runtime.plugins.active) {
    await ctx.runtime.opEnd(op);
  }
  throw DurableOperationError.fromErrorObject(errorObject);
}
