import type { DurableOperationError } from "../errors/durable-operation-errors";
import type { BatchResult, CompletionConfig, NestingType } from "./batch";
import type { Duration } from "./duration";
import type { DurableContextLogger, DurableLogger } from "./logger";
import type { RetryDecision, StepSemantics } from "./retry";
import type { Serdes } from "./serdes";

/** A retry policy: asked after each failed attempt (1-based) whether and when to retry. */
export type RetryStrategy = (error: Error, attemptCount: number) => RetryDecision;

/**
 * Options of `step`.
 *
 * @example
 * ```ts
 * await context.step("charge", chargeCard, {
 *   retryStrategy: retryPresets.noRetry,
 *   semantics: StepSemantics.AtMostOncePerRetry,
 *   timeout: { seconds: 30 },
 * });
 * ```
 */
export interface StepConfig<T> {
  retryStrategy?: RetryStrategy;
  semantics?: StepSemantics;
  serdes?: Serdes<T>;
  /**
   * Longest time one attempt may run (whole seconds, at least 1 s). A longer attempt fails
   * with a `StepTimeoutError` that goes to the retry strategy like any failure; the step's
   * `signal` aborts, and a body that ignores it is abandoned (its late result is never
   * recorded). Not in the reference SDK.
   *
   * @example
   * ```ts
   * await context.step("quote", ({ signal }) => fetch(quoteUrl, { signal }).then((r) => r.json()), {
   *   timeout: { seconds: 10 },
   * });
   * ```
   */
  timeout?: Duration;
}

/**
 * Options of `runInChildContext`.
 *
 * @example
 * ```ts
 * await context.runInChildContext("ship", shipOrder, {
 *   serdes: shipmentSerdes,
 *   errorMapper: (error) => new StepError(`shipping failed: ${error.message}`, error),
 * });
 * ```
 */
export interface ChildConfig<T> {
  serdes?: Serdes<T>;
  subType?: string;
  summaryGenerator?: (result: T) => string;
  errorMapper?: (originalError: DurableOperationError) => DurableOperationError;
  virtualContext?: boolean;
}

/**
 * Options of `invoke`.
 *
 * @example
 * ```ts
 * await context.invoke("render", "renderer:live", input, {
 *   payloadSerdes: compressedJson,
 *   resultSerdes: compressedJson,
 *   tenantId: "tenant-42",
 * });
 * ```
 */
export interface InvokeConfig<I, O> {
  payloadSerdes?: Serdes<I>;
  resultSerdes?: Serdes<O>;
  tenantId?: string;
}

/**
 * What the wait strategy of `waitForCondition` decides after each check.
 *
 * @example
 * ```ts
 * const strategy = (state: { ready: boolean }): WaitForConditionDecision =>
 *   state.ready ? { shouldContinue: false } : { shouldContinue: true, delay: { seconds: 20 } };
 * ```
 */
export type WaitForConditionDecision =
  { shouldContinue: true; delay: Duration } | { shouldContinue: false };

/**
 * Decides after each check whether to keep polling.
 *
 * @example
 * ```ts
 * const waitStrategy: WaitForConditionWaitStrategyFunc<number> = (count, attempt) =>
 *   count >= 100 || attempt > 20 ? { shouldContinue: false } : { shouldContinue: true, delay: { minutes: 1 } };
 * ```
 */
export type WaitForConditionWaitStrategyFunc<T> = (
  state: T,
  attempt: number,
) => WaitForConditionDecision;

/**
 * Options of `waitForCondition`.
 *
 * @example
 * ```ts
 * await context.waitForCondition("ready", checkReady, {
 *   initialState: { ready: false },
 *   waitStrategy: (state, attempt) =>
 *     state.ready || attempt >= 10 ? { shouldContinue: false } : { shouldContinue: true, delay: { seconds: 30 } },
 * });
 * ```
 */
export interface WaitForConditionConfig<T> {
  waitStrategy: WaitForConditionWaitStrategyFunc<T>;
  initialState: T;
  serdes?: Serdes<T>;
  /**
   * Longest time one check may run (whole seconds, at least 1 s). A longer check fails the
   * operation with a `StepTimeoutError`, like a check that throws; the check's `signal`
   * aborts and a check that ignores it is abandoned. Not in the reference SDK.
   *
   * @example
   * ```ts
   * await context.waitForCondition("ready", (state, { signal }) => isReady(state, { signal }), {
   *   initialState: { ready: false },
   *   waitStrategy,
   *   checkTimeout: { seconds: 5 },
   * });
   * ```
   */
  checkTimeout?: Duration;
}

/**
 * Context passed to callbacks run inside an operation.
 *
 * @example
 * ```ts
 * await context.waitForCallback("approval", async (callbackId, { logger }) => {
 *   logger.info("sending approval request", { callbackId });
 * });
 * ```
 */
export interface OperationContext<Logger extends DurableLogger> {
  logger: Logger;
}

/**
 * Context passed to a step function.
 *
 * @example
 * ```ts
 * await context.step("fetch", async ({ attempt, logger }) => {
 *   logger.info(`attempt ${attempt}`);
 *   return fetchData();
 * });
 * ```
 */
export interface StepContext<Logger extends DurableLogger = DurableLogger> extends OperationContext<
  DurableContextLogger<Logger>
> {
  attempt: number;
  /**
   * Aborts when this attempt reaches its timeout (`reason` a `StepTimeoutError`) or when the
   * Lambda invocation is about to run out of time (`reason` a `LambdaTimeRunningOutError`).
   * Hand it to `fetch`, AWS SDK calls (`abortSignal`) and anything else that can stop early.
   * Always set by this SDK; optional in the type so that code built for the reference SDK,
   * and step contexts built by hand in tests, still compile.
   *
   * @example
   * ```ts
   * await context.step("download", async ({ signal }) => (await fetch(url, { signal })).text(), {
   *   timeout: { minutes: 2 },
   * });
   * ```
   */
  signal?: AbortSignal;
}

/**
 * Context passed to a `waitForCondition` check.
 *
 * @example
 * ```ts
 * await context.waitForCondition("ready", async (state, { attempt, logger }) => {
 *   logger.info(`check ${attempt}`);
 *   return { ready: await isReady() };
 * }, { initialState: { ready: false }, waitStrategy });
 * ```
 */
export interface WaitForConditionContext<
  Logger extends DurableLogger = DurableLogger,
> extends OperationContext<DurableContextLogger<Logger>> {
  attempt: number;
  /**
   * Aborts when this check reaches its `checkTimeout` (`reason` a `StepTimeoutError`) or
   * when the Lambda invocation is about to run out of time (`reason` a
   * `LambdaTimeRunningOutError`). Hand it to `fetch`, AWS SDK calls and anything else that
   * can stop early. Always set by this SDK; optional in the type so that code built for the
   * reference SDK, and contexts built by hand in tests, still compile.
   *
   * @example
   * ```ts
   * await context.waitForCondition("job", async (state, { signal }) => pollJob(state, { signal }), {
   *   initialState, waitStrategy, checkTimeout: { seconds: 30 },
   * });
   * ```
   */
  signal?: AbortSignal;
}

/**
 * Context passed to a `waitForCallback` submitter.
 *
 * @example
 * ```ts
 * const submit: WaitForCallbackSubmitterFunc = async (callbackId, { logger }: WaitForCallbackContext) => {
 *   logger.info("submitted", { callbackId });
 *   await queue.send({ callbackId });
 * };
 * ```
 */
export type WaitForCallbackContext<Logger extends DurableLogger = DurableLogger> = OperationContext<
  DurableContextLogger<Logger>
>;

/**
 * The work of a step.
 *
 * @example
 * ```ts
 * const load: StepFunc<Order> = async ({ attempt }) => fetchOrder(orderId, { attempt });
 * const order = await context.step("load", load);
 * ```
 */
export type StepFunc<T, Logger extends DurableLogger = DurableLogger> = (
  context: StepContext<Logger>,
) => Promise<T>;

/**
 * A `waitForCondition` check: derives the next state from the current one.
 *
 * @example
 * ```ts
 * const check: WaitForConditionCheckFunc<{ ready: boolean }> = async () => ({ ready: await isReady() });
 * ```
 */
export type WaitForConditionCheckFunc<T, Logger extends DurableLogger = DurableLogger> = (
  state: T,
  context: WaitForConditionContext<Logger>,
) => Promise<T>;

/**
 * Hands a callback id to the external system.
 *
 * @example
 * ```ts
 * const submit: WaitForCallbackSubmitterFunc = async (callbackId) => {
 *   await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: JSON.stringify({ callbackId }) }));
 * };
 * const answer = await context.waitForCallback("worker", submit);
 * ```
 */
export type WaitForCallbackSubmitterFunc<Logger extends DurableLogger = DurableLogger> = (
  callbackId: string,
  context: WaitForCallbackContext<Logger>,
) => Promise<void>;

/**
 * Options of `createCallback`.
 *
 * @example
 * ```ts
 * const [answer, id] = await context.createCallback<Decision>("review", {
 *   timeout: { days: 7 },
 *   heartbeatTimeout: { hours: 1 },
 *   serdes: { deserialize: async (text) => (text ? JSON.parse(text) : undefined) },
 * });
 * ```
 */
export interface CreateCallbackConfig<TOutput = string> {
  timeout?: Duration;
  heartbeatTimeout?: Duration;
  serdes?: Omit<Serdes<TOutput>, "serialize">;
}

/**
 * Options of `waitForCallback`.
 *
 * @example
 * ```ts
 * await context.waitForCallback("sign", sendForSignature, {
 *   timeout: { days: 30 },
 *   heartbeatTimeout: { days: 1 },
 *   retryStrategy: createRetryStrategy({ maxAttempts: 3 }),
 * });
 * ```
 */
export interface WaitForCallbackConfig<TOutput = string> {
  timeout?: Duration;
  heartbeatTimeout?: Duration;
  retryStrategy?: RetryStrategy;
  serdes?: Omit<Serdes<TOutput>, "serialize">;
}

/**
 * Options of `map`.
 *
 * @example
 * ```ts
 * await context.map("send", recipients, sendOne, {
 *   maxConcurrency: 10,
 *   itemNamer: (recipient) => recipient.email,
 *   completionConfig: { toleratedFailurePercentage: 5 },
 * });
 * ```
 */
export interface MapConfig<TItem, TResult> {
  maxConcurrency?: number;
  itemNamer?: (item: TItem, index: number) => string;
  serdes?: Serdes<BatchResult<TResult>>;
  itemSerdes?: Serdes<TResult>;
  completionConfig?: CompletionConfig;
  summaryGenerator?: (result: BatchResult<TResult>) => string;
  nesting?: NestingType;
}

/**
 * Options of `parallel`.
 *
 * @example
 * ```ts
 * await context.parallel("quotes", [askA, askB, askC], {
 *   maxConcurrency: 2,
 *   completionConfig: { minSuccessful: 1 },
 * });
 * ```
 */
export interface ParallelConfig<TResult> {
  maxConcurrency?: number;
  serdes?: Serdes<BatchResult<TResult>>;
  itemSerdes?: Serdes<TResult>;
  completionConfig?: CompletionConfig;
  summaryGenerator?: (result: BatchResult<TResult>) => string;
  nesting?: NestingType;
}
