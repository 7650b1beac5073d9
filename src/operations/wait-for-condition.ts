import { runUserAttempt } from "./attempt-runner";
import type { DurableContextCore, OperationIdentity } from "../context/durable-context-impl";
import { DurablePromise, stalled } from "../context/durable-promise";
import { DurableOperationError, WaitForConditionError } from "../errors/durable-operation-errors";
import { toErrorObject } from "../errors/error-object";
import { checkedDurationSeconds } from "../retry/duration";
import type {
  WaitForConditionCheckFunc,
  WaitForConditionConfig,
  WaitForConditionDecision,
} from "../types/operation-configs";
import { OperationStatus, OperationType } from "../types/wire";
import { deserializeOrFail, serializeOrFail } from "./serdes-guard";
import { parseNamedArgs } from "./step";
import { argumentError, nameError, operationLabel, serdesError } from "./argument-errors";
import { attemptTimeoutSeconds, timeoutError } from "./attempt-timeout";
import { updateFor } from "./update-builder";

/** Implements `context.waitForCondition`: a STEP that re-checks state on a wait strategy. */
export function waitForCondition<T>(
  ctx: DurableContextCore,
  nameOrCheck: string | undefined | WaitForConditionCheckFunc<T>,
  checkOrConfig?: WaitForConditionCheckFunc<T> | WaitForConditionConfig<T>,
  maybeConfig?: WaitForConditionConfig<T>,
): DurablePromise<T> {
  const [name, check, config] = parseNamedArgs<
    WaitForConditionCheckFunc<T>,
    WaitForConditionConfig<T>
  >(nameOrCheck, checkOrConfig, maybeConfig);
  const badName = nameError("waitForCondition", name);
  if (badName) throw badName;
  const label = operationLabel("waitForCondition", name, ctx);
  if (!config || typeof config.waitStrategy !== "function" || config.initialState === undefined) {
    throw new Error(`${label}: requires a config with waitStrategy and initialState`);
  }
  if (typeof check !== "function") {
    throw argumentError(label, "requires a check function", check);
  }
  const badSerdes =
    serdesError(label, "serdes", config.serdes, "serialize") ??
    serdesError(label, "serdes", config.serdes, "deserialize") ??
    timeoutError(label, "checkTimeout", config.checkTimeout);
  if (badSerdes) throw badSerdes;
  const op = ctx.beginOperation("waitForCondition", {
    type: OperationType.STEP,
    subType: "WaitForCondition",
    name,
    skipReplayValidation: true,
  });
  if (!op) return stalled();
  return DurablePromise.fromRunning(runPolling(ctx, op, check, config));
}

async function runPolling<T>(
  ctx: DurableContextCore,
  op: OperationIdentity,
  check: WaitForConditionCheckFunc<T>,
  config: WaitForConditionConfig<T>,
): Promise<T> {
  const { runtime } = ctx;
  const serdes = config.serdes ?? ctx.defaultSerdes;
  const { plugins } = runtime;
  const timeoutSeconds = attemptTimeoutSeconds(config.checkTimeout);
  let startReported = false;
  for (;;) {
    const record = runtime.state.get(op.id);
    const details = record?.StepDetails;
    if (record?.Status === OperationStatus.SUCCEEDED) {
      return (await deserializeOrFail<T>(runtime, op, serdes, details?.Result)) as T;
    }
    if (record?.Status === OperationStatus.FAILED) {
      throw details?.Error
        ? DurableOperationError.fromErrorObject(details.Error)
        : new WaitForConditionError("waitForCondition failed");
    }
    if (record?.Status === OperationStatus.PENDING) {
      await runtime.waitForOperation(
        ctx,
        op.id,
        (o) => o.Status !== OperationStatus.PENDING,
        details?.NextAttemptTimestamp,
      );
      continue;
    }
    const attempt = (details?.Attempt ?? 0) + 1;
    const current =
      details?.Result !== undefined
        ? ((await deserializeOrFail<T>(runtime, op, serdes, details.Result)) as T)
        : config.initialState;
    if (plugins.active && !startReported) {
      startReported = true;
      await runtime.opStart(op, record !== undefined || attempt > 1);
    }
    if (record?.Status !== OperationStatus.STARTED)
      void runtime.checkpoint(ctx, updateFor(op, "START"));

    let payload: string | undefined;
    let decision: WaitForConditionDecision;
    let delaySeconds = 0;
    let next: T;
    try {
      const checked = await runUserAttempt(
        ctx,
        op,
        (signal) => check(current, { logger: ctx.operationLogger, attempt, signal }),
        { label: operationLabel("waitForCondition", op.name, op.rawId), attempt, timeoutSeconds },
      );
      payload = await serializeOrFail(runtime, op, serdes, checked);
      next = (await deserializeOrFail<T>(runtime, op, serdes, payload)) as T;
      decision = checkedDecision(op, config.waitStrategy(next, attempt));
      if (decision.shouldContinue) delaySeconds = decisionDelaySeconds(op, decision);
    } catch (error) {
      const errorObject = toErrorObject(error);
      await runtime.checkpoint(ctx, updateFor(op, "FAIL", { Error: errorObject }));
      if (plugins.active) await runtime.opEnd(op);
      throw DurableOperationError.fromErrorObject(errorObject);
    }
    if (!decision?.shouldContinue) {
      await runtime.checkpoint(ctx, updateFor(op, "SUCCEED", { Payload: payload }));
      if (plugins.active) await runtime.opEnd(op);
      return next;
    }
    if (ctx.isAbandoned()) return new Promise<T>(() => undefined);
    await runtime.checkpoint(
      ctx,
      updateFor(op, "RETRY", {
        Payload: payload,
        StepOptions: { NextAttemptDelaySeconds: delaySeconds },
      }),
    );
  }
}

/**
 * The wait strategy's decision, checked: anything but `{ shouldContinue: boolean, ... }` is a
 * fault of the strategy and fails the operation like a throwing one.
 */
function checkedDecision(op: OperationIdentity, decision: unknown): WaitForConditionDecision {
  if (typeof decision === "object" && decision !== null && "shouldContinue" in decision) {
    return decision as WaitForConditionDecision;
  }
  throw argumentError(
    `${operationLabel("waitForCondition", op.name, op.rawId)}: waitStrategy`,
    "must return { shouldContinue: false } or { shouldContinue: true, delay: { seconds: 10 } }",
    decision,
  );
}

/**
 * Seconds until the next check of a `{ shouldContinue: true, delay }` decision. A delay that
 * is missing or not whole seconds from 1 s to 366 days fails the operation like a throwing
 * strategy.
 */
function decisionDelaySeconds(
  op: OperationIdentity,
  decision: WaitForConditionDecision & { shouldContinue: true },
): number {
  const label = `${operationLabel("waitForCondition", op.name, op.rawId)}: waitStrategy`;
  return checkedDurationSeconds(label, "delay", decision.delay, "delay");
}
