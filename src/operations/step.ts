import type { AttemptLimits } from "./attempt-limits";
import { runUserAttempt } from "./attempt-runner";
import type { DurableContextCore, OperationIdentity } from "../context/durable-context-impl";
import { DurablePromise, stalled } from "../context/durable-promise";
import { DurableOperationError } from "../errors/durable-operation-errors";
import { toErrorObject } from "../errors/error-object";
import { StepInterruptedError } from "../errors/step-interrupted-error";
import { checkedDurationSeconds } from "../retry/duration";
import { retryPresets } from "../retry/retry-presets";
import type { StepConfig, StepFunc } from "../types/operation-configs";
import { StepSemantics, type RetryDecision } from "../types/retry";
import { OperationStatus, OperationType } from "../types/wire";
import { deserializeOrFail, serializeOrFail } from "./serdes-guard";
import { attemptTimeoutSeconds, timeoutError } from "./attempt-timeout";
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
  const invalid = stepArgumentsError(ctx, name, fn, config);
  if (invalid) return rejected(invalid);
  const op = ctx.beginOperation("step", { type: OperationType.STEP, subType: "Step", name });
  if (!op) return stalled();
  return DurablePromise.fromRunning(runStep(ctx, op, fn, config ?? {}));
}

const SEMANTICS: readonly unknown[] = Object.values(StepSemantics);

/** The error for a step call that cannot run as written, if it is one (nothing has run yet). */
function stepArgumentsError(
  ctx: DurableContextCore,
  name: string | undefined,
  fn: unknown,
  config: unknown,
): TypeError | undefined {
  const badName = nameError("step", name);
  if (badName) return badName;
  const label = operationLabel("step", name, ctx);
  if (typeof fn !== "function") return argumentError(label, "requires a function to run", fn);
  if (config === undefined) return undefined;
  const { semantics, retryStrategy, serdes, timeout } = (config ?? {}) as StepConfig<unknown>;
  return (
    configError(label, config) ??
    timeoutError(label, "timeout", timeout) ??
    (semantics !== undefined && !SEMANTICS.includes(semantics)
      ? argumentError(label, `semantics must be one of ${SEMANTICS.join(", ")}`, semantics)
      : undefined) ??
    functionOptionError(label, "retryStrategy", retryStrategy) ??
    serdesError(label, "serdes", serdes, "serialize") ??
    serdesError(label, "serdes", serdes, "deserialize")
  );
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
  const timeoutSeconds = attemptTimeoutSeconds(config.timeout);
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
    const outcome = await runAttempt(ctx, op, fn, {
      label: operationLabel("step", op.name, op.rawId),
      attempt,
      timeoutSeconds,
    });
    if (outcome.ok) {
      const payload = await serializeOrFail(runtime, op, serdes, outcome.value);
      await runtime.checkpoint(ctx, updateFor(op, "SUCCEED", { Payload: payload }));
      if (plugins.active) await runtime.opEnd(op);
      return (await deserializeOrFail<T>(runtime, op, serdes, payload)) as T;
    }
    await settleFailure(ctx, op, outcome.error, attempt, retryStrategy);
  }
}

/**
 * Asks the retry strategy about a failed attempt. A decision that is not
 * `{ shouldRetry: boolean, delay?: Duration }` with a usable delay (whole seconds, 1 s to
 * 366 days) comes back as a `TypeError` naming the step.
 */
function retryDecision(
  op: OperationIdentity,
  retryStrategy: NonNullable<StepConfig<unknown>["retryStrategy"]>,
  error: Error,
  attempt: number,
): { shouldRetry: false } | { shouldRetry: true; delaySeconds: number } | TypeError {
  const label = `${operationLabel("step", op.name, op.rawId)}: retryStrategy`;
  const decision: unknown = retryStrategy(error, attempt);
  if (typeof decision !== "object" || decision === null) {
    return argumentError(
      label,
      "must return { shouldRetry: false } or { shouldRetry: true, delay: { seconds: 5 } }",
      decision,
    );
  }
  const { shouldRetry, delay } = decision as RetryDecision;
  if (!shouldRetry) return { shouldRetry: false };
  try {
    return {
      shouldRetry: true,
      delaySeconds: checkedDurationSeconds(label, "delay", delay ?? { seconds: 1 }, "delay"),
    };
  } catch (invalid) {
    return invalid as TypeError;
  }
}

type AttemptOutcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

function runAttempt<T>(
  ctx: DurableContextCore,
  op: OperationIdentity,
  fn: StepFunc<T>,
  limits: AttemptLimits,
): Promise<AttemptOutcome<T>> {
  const { attempt } = limits;
  return runUserAttempt(
    ctx,
    op,
    (signal) => fn({ logger: ctx.operationLogger, attempt, signal }),
    limits,
  ).then(
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
  let errorObject = toErrorObject(thrown);
  const decision = retryDecision(op, retryStrategy, error, attempt);
  if (decision instanceof TypeError) {
    // A broken retry strategy fails the step, like a strategy that throws.
    errorObject = toErrorObject(decision);
  } else if (decision.shouldRetry) {
    // Once the enclosing context has finished nobody observes this step any more: park it.
    if (ctx.isAbandoned()) return new Promise(() => undefined);
    const { delaySeconds } = decision;
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
