import { runUserAttempt } from "./attempt-runner";
import type { DurableContextCore } from "../context/durable-context-core";
import type { DurablePromise } from "../types/durable-promise";
import { never } from "../context/durable-promise";
import { DurableOperationError, WaitForConditionError } from "../errors/durable-operation-errors";
import { toErrorObject } from "../errors/error-object";
import { checkedDurationSeconds } from "../retry/duration";
import type {
  WaitForConditionCheckFunc,
  WaitForConditionConfig,
  WaitForConditionDecision,
} from "../types/operation-configs";
import type { Serdes } from "../types/serdes";
import { OperationStatus, OperationType, type WireOperation } from "../types/wire";
import { deserializeOrFail, serializeOrFail } from "./serdes-guard";
import { parseNamedArgs } from "./named-arguments";
import { argumentError, nameError, operationLabel, serdesError } from "./argument-errors";
import { attemptTimeoutSeconds, timeoutError } from "./attempt-timeout";
import type { OperationCall, OperationKind } from "./lifecycle";
import { RetriedOperation } from "./retried-operation";

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
    serdesError(label, "serdes", config.serdes) ??
    timeoutError(label, "checkTimeout", config.checkTimeout);
  if (badSerdes) throw badSerdes;
  return new WaitForConditionOperation(ctx, name, check, config).launch("waitForCondition", {
    skipReplayValidation: true,
  });
}

/**
 * A STEP that runs the check on the wait strategy's schedule, each check an attempt that
 * carries the state forward; finished once it SUCCEEDED or FAILED.
 */
class WaitForConditionOperation<T> extends RetriedOperation implements OperationKind<T> {
  readonly #check: WaitForConditionCheckFunc<T>;
  readonly #config: WaitForConditionConfig<T>;
  readonly #serdes: Serdes<T>;

  constructor(
    ctx: DurableContextCore,
    name: string | undefined,
    check: WaitForConditionCheckFunc<T>,
    config: WaitForConditionConfig<T>,
  ) {
    super(ctx, OperationType.STEP, "WaitForCondition", name);
    this.#check = check;
    this.#config = config;
    this.#serdes = config.serdes ?? ctx.defaultSerdes;
  }

  async replay(record: WireOperation): Promise<T> {
    const details = record.StepDetails;
    if (record.Status === OperationStatus.SUCCEEDED) {
      return (await deserializeOrFail<T>(this, this.#serdes, details?.Result)) as T;
    }
    throw details?.Error
      ? DurableOperationError.fromErrorObject(details.Error)
      : new WaitForConditionError("waitForCondition failed");
  }

  async execute(): Promise<T> {
    const config = this.#config;
    const serdes = this.#serdes;
    const timeoutSeconds = attemptTimeoutSeconds(config.checkTimeout);
    for (;;) {
      const { record } = this;
      const details = record?.StepDetails;
      if (record && this.isFinished(record)) return await this.replay(record);
      if (record?.Status === OperationStatus.PENDING) {
        await this.waitForRetryTimer(record);
        continue;
      }
      const attempt = (details?.Attempt ?? 0) + 1;
      const current =
        details?.Result !== undefined
          ? ((await deserializeOrFail<T>(this, serdes, details.Result)) as T)
          : config.initialState;
      const announced = this.announce();
      if (announced) await announced;
      if (record?.Status !== OperationStatus.STARTED) void this.checkpoint("START");

      let payload: string | undefined;
      let delaySeconds: number | undefined;
      let next: T;
      try {
        const checked = await runUserAttempt(this, (context) => this.#check(current, context), {
          label: this.label,
          attempt,
          timeoutSeconds,
        });
        payload = await serializeOrFail(this, serdes, checked);
        next = (await deserializeOrFail<T>(this, serdes, payload)) as T;
        delaySeconds = nextCheckDelaySeconds(this, config.waitStrategy(next, attempt));
      } catch (error) {
        const errorObject = toErrorObject(error);
        await this.fail(errorObject);
        throw DurableOperationError.fromErrorObject(errorObject);
      }
      if (delaySeconds === undefined) {
        await this.succeed({ Payload: payload });
        return next;
      }
      if (this.ctx.isAbandoned()) return never<T>();
      await this.checkpoint("RETRY", {
        Payload: payload,
        StepOptions: { NextAttemptDelaySeconds: delaySeconds },
      });
    }
  }
}

/**
 * Seconds until the next check, or `undefined` when the wait strategy's decision is to stop.
 * A decision that is not `{ shouldContinue: boolean, ... }`, or that continues without a
 * delay of whole seconds from 1 s to 366 days, is a fault of the strategy: it fails the
 * operation like a throwing strategy.
 */
function nextCheckDelaySeconds(op: OperationCall, decision: unknown): number | undefined {
  const label = `${op.label}: waitStrategy`;
  if (typeof decision !== "object" || decision === null || !("shouldContinue" in decision)) {
    throw argumentError(
      label,
      "must return { shouldContinue: false } or { shouldContinue: true, delay: { seconds: 10 } }",
      decision,
    );
  }
  const { shouldContinue, delay } = decision as WaitForConditionDecision & { delay?: unknown };
  return shouldContinue ? checkedDurationSeconds(label, "delay", delay, "delay") : undefined;
}
