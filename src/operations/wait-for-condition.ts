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
import { OperationCall, type OperationKind } from "./lifecycle";
import type { OperationIdentity } from "./operation-identity";

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
  return new WaitForConditionOperation(ctx, name, check, config).launch("waitForCondition", {
    skipReplayValidation: true,
  });
}

/**
 * A STEP that runs the check on the wait strategy's schedule, each check an attempt that
 * carries the state forward; finished once it SUCCEEDED or FAILED.
 */
class WaitForConditionOperation<T> extends OperationCall implements OperationKind<T> {
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

  isFinished(record: WireOperation): boolean {
    return record.Status === OperationStatus.SUCCEEDED || record.Status === OperationStatus.FAILED;
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
        await this.waitFor(
          (o) => o.Status !== OperationStatus.PENDING,
          details?.NextAttemptTimestamp,
        );
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
      let decision: WaitForConditionDecision;
      let delaySeconds = 0;
      let next: T;
      try {
        const checked = await runUserAttempt(this, (context) => this.#check(current, context), {
          label: operationLabel("waitForCondition", this.name, this.rawId),
          attempt,
          timeoutSeconds,
        });
        payload = await serializeOrFail(this, serdes, checked);
        next = (await deserializeOrFail<T>(this, serdes, payload)) as T;
        decision = checkedDecision(this, config.waitStrategy(next, attempt));
        if (decision.shouldContinue) delaySeconds = decisionDelaySeconds(this, decision);
      } catch (error) {
        const errorObject = toErrorObject(error);
        await this.fail(errorObject);
        throw DurableOperationError.fromErrorObject(errorObject);
      }
      if (!decision?.shouldContinue) {
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
