import { runInScope } from "../context/active-scope";
import type { DurableContextCore, OperationIdentity } from "../context/durable-context-impl";
import { DurablePromise } from "../context/durable-promise";
import { DurableOperationError, WaitForConditionError } from "../errors/durable-operation-errors";
import { toErrorObject } from "../errors/error-object";
import { durationToSeconds } from "../retry/duration";
import type { WaitForConditionCheckFunc, WaitForConditionConfig } from "../types/operation-configs";
import { OperationStatus, OperationType } from "../types/wire";
import { deserializeOrFail, serializeOrFail } from "./serdes-guard";
import { parseNamedArgs } from "./step";
import { updateFor } from "./update-builder";

const MISSING_CONFIG = "waitForCondition requires config with waitStrategy and initialState";

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
  if (!config || typeof config.waitStrategy !== "function" || config.initialState === undefined) {
    throw new Error(MISSING_CONFIG);
  }
  if (typeof check !== "function") {
    throw new TypeError(`waitForCondition${name ? ` "${name}"` : ""} requires a check function.`);
  }
  const op = ctx.beginOperation("waitForCondition", {
    type: OperationType.STEP,
    subType: "WaitForCondition",
    name,
    skipReplayValidation: true,
  });
  if (!op) return new DurablePromise(() => new Promise<T>(() => undefined));
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
    if (record?.Status !== OperationStatus.STARTED)
      void runtime.checkpoint(ctx, updateFor(op, "START"));

    let payload: string | undefined;
    let decision;
    let next: T;
    try {
      const checked = await runtime.runExecuting(() =>
        runInScope(
          {
            kind: "step",
            contextId: ctx.rawId,
            stepId: op.rawId,
            operationId: op.id,
            operationName: op.name,
            attempt,
          },
          () => check(current, { logger: ctx.operationLogger, attempt }),
        ),
      );
      payload = await serializeOrFail(runtime, op, serdes, checked);
      next = (await deserializeOrFail<T>(runtime, op, serdes, payload)) as T;
      decision = config.waitStrategy(next, attempt);
    } catch (error) {
      const errorObject = toErrorObject(error);
      await runtime.checkpoint(ctx, updateFor(op, "FAIL", { Error: errorObject }));
      throw DurableOperationError.fromErrorObject(errorObject);
    }
    if (!decision.shouldContinue) {
      await runtime.checkpoint(
        ctx,
        updateFor(op, "SUCCEED", payload === undefined ? {} : { Payload: payload }),
      );
      return next;
    }
    if (ctx.isAbandoned()) return new Promise<T>(() => undefined);
    await runtime.checkpoint(
      ctx,
      updateFor(op, "RETRY", {
        ...(payload === undefined ? {} : { Payload: payload }),
        StepOptions: { NextAttemptDelaySeconds: durationToSeconds(decision.delay) },
      }),
    );
  }
}
