import type { Context } from "aws-lambda";
import type { DurablePromise } from "./durable-promise";
import type { BatchResult } from "./batch";
import type { Duration } from "./duration";
import type { DurableContextLogger, DurableLogger, LoggerConfig } from "./logger";
import type {
  ChildConfig,
  CreateCallbackConfig,
  InvokeConfig,
  MapConfig,
  ParallelConfig,
  StepConfig,
  StepFunc,
  WaitForCallbackConfig,
  WaitForCallbackSubmitterFunc,
  WaitForConditionCheckFunc,
  WaitForConditionConfig,
} from "./operation-configs";
import type { SerdesConfig } from "./serdes";

/**
 * Body of a child context: receives the child's own {@link DurableContext}.
 *
 * @example
 * ```ts
 * const body: ChildFunc<number> = async (child) => child.step("count", async () => 3);
 * const count = await context.runInChildContext("counting", body);
 * ```
 */
export type ChildFunc<T, Logger extends DurableLogger = DurableLogger> = (
  context: DurableContext<Logger>,
) => Promise<T>;

/**
 * Processes one map item in its own child context; gets the item, its index and the array.
 *
 * @example
 * ```ts
 * const resize: MapFunc<string, string> = async (item, url) =>
 *   item.step("resize", async () => resizeImage(url));
 * const batch = await context.map("thumbnails", urls, resize);
 * ```
 */
export type MapFunc<TInput, TOutput, Logger extends DurableLogger = DurableLogger> = (
  context: DurableContext<Logger>,
  item: TInput,
  index: number,
  array: TInput[],
) => Promise<TOutput>;

/**
 * A parallel branch: runs in its own child context.
 *
 * @example
 * ```ts
 * const prices: ParallelFunc<number> = async (branch) => branch.step("price", fetchPrice);
 * const batch = await context.parallel([prices]);
 * ```
 */
export type ParallelFunc<TResult, Logger extends DurableLogger = DurableLogger> = (
  context: DurableContext<Logger>,
) => Promise<TResult>;

/**
 * A parallel branch with a name (the name of its child context in the history).
 *
 * @example
 * ```ts
 * await context.parallel([
 *   { name: "stock", func: async (b) => b.step("check", checkStock) },
 *   { name: "price", func: async (b) => b.step("quote", getQuote) },
 * ]);
 * ```
 */
export interface NamedParallelBranch<TResult, Logger extends DurableLogger = DurableLogger> {
  /** Name of the branch's child context. */
  name?: string;
  /** The branch's work. */
  func: ParallelFunc<TResult, Logger>;
}

/**
 * What awaiting `createCallback` yields: the promise of the callback's result, and the
 * callback id to hand to whoever will answer.
 *
 * @example
 * ```ts
 * const [answer, callbackId]: CreateCallbackResult<string> = await context.createCallback("reply");
 * await context.step("ask", async () => sendQuestion(callbackId));
 * const text = await answer;
 * ```
 */
export type CreateCallbackResult<T = string> = [DurablePromise<T>, string];

type InferBranchResult<Branches extends readonly unknown[], L extends DurableLogger> =
  Branches[number] extends ParallelFunc<infer R, L>
    ? R
    : Branches[number] extends NamedParallelBranch<infer R, L>
      ? R
      : never;

type AwaitedTuple<T extends readonly unknown[]> = { -readonly [K in keyof T]: Awaited<T[K]> };
type SettledTuple<T extends readonly unknown[]> = {
  -readonly [K in keyof T]: PromiseSettledResult<Awaited<T[K]>>;
};

/** Promise combinators whose combined outcome is checkpointed (see `DurableContext.promise`). */
export interface DurablePromiseCombinators {
  all<T extends readonly unknown[] | []>(promises: T): DurablePromise<AwaitedTuple<T>>;
  all<T extends readonly unknown[] | []>(
    name: string | undefined,
    promises: T,
  ): DurablePromise<AwaitedTuple<T>>;
  all<TOutput>(promises: PromiseLike<TOutput>[]): DurablePromise<TOutput[]>;
  all<TOutput>(
    name: string | undefined,
    promises: PromiseLike<TOutput>[],
  ): DurablePromise<TOutput[]>;
  allSettled<T extends readonly unknown[] | []>(promises: T): DurablePromise<SettledTuple<T>>;
  allSettled<T extends readonly unknown[] | []>(
    name: string | undefined,
    promises: T,
  ): DurablePromise<SettledTuple<T>>;
  allSettled<TOutput>(
    promises: PromiseLike<TOutput>[],
  ): DurablePromise<PromiseSettledResult<TOutput>[]>;
  allSettled<TOutput>(
    name: string | undefined,
    promises: PromiseLike<TOutput>[],
  ): DurablePromise<PromiseSettledResult<TOutput>[]>;
  any<TOutput>(promises: readonly PromiseLike<TOutput>[]): DurablePromise<TOutput>;
  any<TOutput>(
    name: string | undefined,
    promises: readonly PromiseLike<TOutput>[],
  ): DurablePromise<TOutput>;
  race<TOutput>(promises: readonly PromiseLike<TOutput>[]): DurablePromise<TOutput>;
  race<TOutput>(
    name: string | undefined,
    promises: readonly PromiseLike<TOutput>[],
  ): DurablePromise<TOutput>;
}

/**
 * The handle a durable handler uses for every durable operation. Each call takes the next
 * position in its context, which gives the operation its id: a handler must make the same
 * durable calls in the same order on every invocation. On replay, an operation that already
 * finished returns its recorded result (or throws its recorded error) without running again.
 *
 * Every method returns a {@link DurablePromise}: nothing starts until it is awaited (or
 * passed to `then`), so an operation built but never awaited is never checkpointed.
 *
 * @example
 * ```ts
 * export const handler = withDurableExecution(async (event: { id: string }, context) => {
 *   const order = await context.step("load", async () => loadOrder(event.id));
 *   await context.wait("cool-off", { minutes: 10 });
 *   context.logger.info("loaded", { id: order.id });
 *   return order;
 * });
 * ```
 */
export interface DurableContext<TLogger extends DurableLogger = DurableLogger> {
  /** The Lambda context of the current invocation (request id, remaining time...). */
  lambdaContext: Context;
  /**
   * Replay-aware logger: lines logged while the handler replays finished operations are
   * dropped, so each line appears once per execution. See {@link DurableContext.configureLogger}.
   */
  logger: DurableContextLogger<TLogger>;
  /** Read-only facts about the running execution. */
  executionContext: { readonly durableExecutionArn: string };

  /**
   * Runs `fn` and checkpoints its result, so that later invocations get the result back
   * without running `fn` again.
   *
   * A failed attempt is retried according to `config.retryStrategy` (by default
   * `retryPresets.default`: 6 attempts with exponential backoff and jitter); the delay before a
   * retry is a durable timer, during which the function is not running. When no attempt is
   * left, the returned promise rejects with a {@link StepError} whose `cause` is the last error.
   *
   * `config.semantics` chooses what happens when an invocation ends in the middle of an
   * attempt: {@link StepSemantics.AtLeastOncePerRetry} (default) runs the attempt again;
   * {@link StepSemantics.AtMostOncePerRetry} checkpoints the start first and never re-runs an
   * interrupted attempt (it counts as failed with a {@link StepInterruptedError}).
   * `config.serdes` (default: JSON) converts the result to and from the checkpoint.
   *
   * Inside `fn`, use only plain code: durable operations are not allowed in a step (use
   * {@link DurableContext.runInChildContext} to group them).
   *
   * @param name Name shown in the history and used by test tools; optional but recommended.
   * @param fn The work; receives a {@link StepContext} with the attempt number and a logger.
   * @param config Retry strategy, semantics and serdes.
   * @throws StepError when the step failed for good (also on replay of a recorded failure).
   * @example
   * ```ts
   * const user = await context.step("fetch-user", async () => api.getUser(id), {
   *   retryStrategy: createRetryStrategy({ maxAttempts: 5, initialDelay: { seconds: 2 } }),
   * });
   * ```
   */
  step<TOutput>(
    name: string | undefined,
    fn: StepFunc<TOutput, TLogger>,
    config?: StepConfig<TOutput>,
  ): DurablePromise<TOutput>;
  /** {@link DurableContext.step} without a name. */
  step<TOutput>(
    fn: StepFunc<TOutput, TLogger>,
    config?: StepConfig<TOutput>,
  ): DurablePromise<TOutput>;

  /**
   * Invokes another Lambda function (durable or not) by name or ARN, and suspends until it
   * finishes; its result is checkpointed, so a replay does not invoke it again.
   *
   * The input is serialized with `config.payloadSerdes` and the result read with
   * `config.resultSerdes` (both JSON by default); `config.tenantId` is passed to the service
   * for tenant-isolated functions.
   *
   * @param name Name of the operation in the history.
   * @param funcId Function name or ARN, with a version or alias for durable targets.
   * @param input The payload of the invocation.
   * @throws InvokeError when the invoked function failed, timed out or was stopped.
   * @example
   * ```ts
   * const score = await context.invoke<{ amount: number }, { score: number }>(
   *   "fraud-check",
   *   "arn:aws:lambda:us-east-1:123456789012:function:fraud-check:live",
   *   { amount: 120 },
   * );
   * ```
   */
  invoke<TInput, TOutput>(
    name: string,
    funcId: string,
    input?: TInput,
    config?: InvokeConfig<TInput, TOutput>,
  ): DurablePromise<TOutput>;
  /** {@link DurableContext.invoke} without a name. */
  invoke<TInput, TOutput>(
    funcId: string,
    input?: TInput,
    config?: InvokeConfig<TInput, TOutput>,
  ): DurablePromise<TOutput>;

  /**
   * Runs `fn` with a child context of its own: a group of durable operations that is
   * checkpointed as one operation. Once it has finished, a replay returns its result without
   * replaying the operations inside (unless the result was too large to store, in which case
   * its children replay to rebuild it).
   *
   * Use it to give a piece of a workflow a name, to run durable operations concurrently
   * (each branch in its own child context keeps ids deterministic), or to catch the failure
   * of a whole group (a saga's compensation).
   *
   * @param name Name of the child context in the history.
   * @param fn The body; receives the child {@link DurableContext}.
   * @param config `serdes` of the result (JSON by default), `subType`, `errorMapper`...
   * @throws ChildContextError when `fn` throws (the original error is its `cause`).
   * @example
   * ```ts
   * const shipment = await context.runInChildContext("ship", async (child) => {
   *   const label = await child.step("label", async () => createLabel(order));
   *   await child.wait("pickup-window", { hours: 2 });
   *   return child.step("book-pickup", async () => bookPickup(label));
   * });
   * ```
   */
  runInChildContext<TOutput>(
    name: string | undefined,
    fn: ChildFunc<TOutput, TLogger>,
    config?: ChildConfig<TOutput>,
  ): DurablePromise<TOutput>;
  /** {@link DurableContext.runInChildContext} without a name. */
  runInChildContext<TOutput>(
    fn: ChildFunc<TOutput, TLogger>,
    config?: ChildConfig<TOutput>,
  ): DurablePromise<TOutput>;

  /**
   * A durable timer: the invocation suspends (when nothing else can run) and the service
   * invokes the function again once `duration` has passed. Nothing runs, and nothing is
   * billed, while it waits. On replay a finished wait returns at once.
   *
   * @param name Name of the wait in the history.
   * @param duration `{ days?, hours?, minutes?, seconds? }`, added up.
   * @throws TypeError (the promise rejects) when `duration` is not such an object.
   * @example
   * ```ts
   * await context.wait("trial-period", { days: 14 });
   * ```
   */
  wait(name: string, duration: Duration): DurablePromise<void>;
  /** {@link DurableContext.wait} without a name. */
  wait(duration: Duration): DurablePromise<void>;

  /**
   * Polls until a condition holds: runs `checkFunc` on the current state, asks
   * `config.waitStrategy` whether to go on, and if so sleeps (a durable timer) for the delay
   * it returns and checks again. Each check is checkpointed like a step attempt, so replays
   * do not repeat checks that already ran. Resolves with the last state.
   *
   * @param name Name of the operation in the history.
   * @param checkFunc Derives the next state from the current one (for example by calling an API).
   * @param config `initialState`, `waitStrategy` (see {@link createWaitStrategy}) and `serdes`.
   * @throws WaitForConditionError when the wait strategy gives up or a check throws.
   * @example
   * ```ts
   * const job = await context.waitForCondition(
   *   "wait-for-export",
   *   async (state) => ({ ...state, status: await getStatus(state.id) }),
   *   {
   *     initialState: { id: jobId, status: "QUEUED" },
   *     waitStrategy: createWaitStrategy({ shouldContinuePolling: (s) => s.status !== "DONE" }),
   *   },
   * );
   * ```
   */
  waitForCondition<TOutput>(
    name: string | undefined,
    checkFunc: WaitForConditionCheckFunc<TOutput, TLogger>,
    config: WaitForConditionConfig<TOutput>,
  ): DurablePromise<TOutput>;
  /** {@link DurableContext.waitForCondition} without a name. */
  waitForCondition<TOutput>(
    checkFunc: WaitForConditionCheckFunc<TOutput, TLogger>,
    config: WaitForConditionConfig<TOutput>,
  ): DurablePromise<TOutput>;

  /**
   * Creates a callback: the service hands out an id that an external system answers with
   * `SendDurableExecutionCallbackSuccess` / `Failure` (and keeps alive with `...Heartbeat`).
   * Resolves with the promise of the answer and the id. Awaiting the answer suspends the
   * function until it arrives.
   *
   * `config.timeout` limits the total wait and `config.heartbeatTimeout` the time between
   * heartbeats (both unlimited by default); the answer is read with `config.serdes` (the raw
   * string by default). On replay an answered callback resolves at once with the recorded answer.
   *
   * @param name Name of the callback in the history.
   * @throws CallbackTimeoutError (awaiting the answer) when a timeout passed.
   * @throws CallbackExternalError (awaiting the answer) when the answer was a failure.
   * @example
   * ```ts
   * const [approval, callbackId] = await context.createCallback<string>("approval", {
   *   timeout: { days: 2 },
   * });
   * await context.step("notify", async () => sendApprovalMail(callbackId));
   * const decision = await approval;
   * ```
   */
  createCallback<TOutput = string>(
    name: string | undefined,
    config?: CreateCallbackConfig<TOutput>,
  ): DurablePromise<CreateCallbackResult<TOutput>>;
  /** {@link DurableContext.createCallback} without a name. */
  createCallback<TOutput = string>(
    config?: CreateCallbackConfig<TOutput>,
  ): DurablePromise<CreateCallbackResult<TOutput>>;

  /**
   * Creates a callback, runs `submitter` with its id (as a step, retried by
   * `config.retryStrategy`), and resolves with the answer: {@link DurableContext.createCallback}
   * and the step that hands out the id, in one child context.
   *
   * @param name Name of the operation (a child context) in the history.
   * @param submitter Sends the callback id to whoever will answer.
   * @param config `timeout`, `heartbeatTimeout`, `retryStrategy` of the submitter, `serdes`.
   * @throws CallbackTimeoutError when a timeout passed before the answer.
   * @throws CallbackExternalError when the answer was a failure.
   * @throws CallbackSubmitterError when the submitter failed for good.
   * @example
   * ```ts
   * const decision = await context.waitForCallback(
   *   "manager-approval",
   *   async (callbackId) => chat.post(`Approve ${claimId}? Answer with ${callbackId}`),
   *   { timeout: { days: 3 } },
   * );
   * ```
   */
  waitForCallback<TOutput = string>(
    name: string | undefined,
    submitter: WaitForCallbackSubmitterFunc<TLogger>,
    config?: WaitForCallbackConfig<TOutput>,
  ): DurablePromise<TOutput>;
  /** {@link DurableContext.waitForCallback} without a name. */
  waitForCallback<TOutput = string>(
    submitter: WaitForCallbackSubmitterFunc<TLogger>,
    config?: WaitForCallbackConfig<TOutput>,
  ): DurablePromise<TOutput>;

  /**
   * Runs `mapFunc` for each item, each in its own child context, and resolves with a
   * {@link BatchResult} that keeps the items' order. A failing item does not reject the
   * promise: its error is in the result (call `throwIfError()` to rethrow).
   *
   * `config.maxConcurrency` limits how many items run at once (unlimited by default);
   * `config.completionConfig` ends the batch early (`minSuccessful`, `toleratedFailureCount`,
   * `toleratedFailurePercentage`, or a custom `shouldComplete`); `config.itemNamer` names each
   * item's child context. On replay, a finished map returns its recorded result.
   *
   * @param name Name of the map in the history.
   * @param items The items; their count and order must be the same on every invocation.
   * @throws BatchCompletionError when the completion policy ends the batch as failed.
   * @example
   * ```ts
   * const batch = await context.map(
   *   "notify",
   *   users,
   *   async (item, user) => item.step("mail", async () => sendMail(user)),
   *   { maxConcurrency: 5, completionConfig: { toleratedFailureCount: 2 } },
   * );
   * const sent = batch.getResults();
   * ```
   */
  map<TInput, TOutput>(
    name: string | undefined,
    items: TInput[],
    mapFunc: (
      context: DurableContext<TLogger>,
      item: TInput,
      index: number,
      array: TInput[],
    ) => Promise<TOutput>,
    config?: MapConfig<TInput, TOutput>,
  ): DurablePromise<BatchResult<TOutput>>;
  /** {@link DurableContext.map} without a name. */
  map<TInput, TOutput>(
    items: TInput[],
    mapFunc: (
      context: DurableContext<TLogger>,
      item: TInput,
      index: number,
      array: TInput[],
    ) => Promise<TOutput>,
    config?: MapConfig<TInput, TOutput>,
  ): DurablePromise<BatchResult<TOutput>>;

  /**
   * Runs different branches at the same time, each in its own child context, and resolves
   * with a {@link BatchResult} in the order the branches were given. Takes the same
   * `maxConcurrency` and `completionConfig` options as {@link DurableContext.map}; a failing
   * branch does not reject the promise. On replay a finished parallel returns its recorded result.
   *
   * @param name Name of the operation in the history.
   * @param branches Functions, or `{ name, func }` objects to name each branch.
   * @throws BatchCompletionError when the completion policy ends the batch as failed.
   * @example
   * ```ts
   * const batch = await context.parallel("dashboard", [
   *   { name: "profile", func: async (b) => b.step("load", loadProfile) },
   *   { name: "orders", func: async (b) => b.step("count", countOrders) },
   * ]);
   * const [profile, orders] = batch.getResults();
   * ```
   */
  parallel<TOutput>(
    name: string | undefined,
    branches: (ParallelFunc<TOutput, TLogger> | NamedParallelBranch<TOutput, TLogger>)[],
    config?: ParallelConfig<TOutput>,
  ): DurablePromise<BatchResult<TOutput>>;
  /** {@link DurableContext.parallel} without a name. */
  parallel<TOutput>(
    branches: (ParallelFunc<TOutput, TLogger> | NamedParallelBranch<TOutput, TLogger>)[],
    config?: ParallelConfig<TOutput>,
  ): DurablePromise<BatchResult<TOutput>>;
  /** {@link DurableContext.parallel} with branches of different result types. */
  parallel<Branches extends readonly unknown[]>(
    name: string | undefined,
    branches: Branches,
    config?: ParallelConfig<InferBranchResult<Branches, TLogger>>,
  ): Promise<BatchResult<InferBranchResult<Branches, TLogger>>>;
  /** {@link DurableContext.parallel} with branches of different result types, without a name. */
  parallel<Branches extends readonly unknown[]>(
    branches: Branches,
    config?: ParallelConfig<InferBranchResult<Branches, TLogger>>,
  ): DurablePromise<BatchResult<InferBranchResult<Branches, TLogger>>>;

  /**
   * Promise combinators (`all`, `allSettled`, `any`, `race`) over durable promises, whose
   * combined outcome is checkpointed, so a replay settles the same way. Each access returns
   * a fresh object.
   *
   * @example
   * ```ts
   * const [a, b] = await context.promise.all("both", [
   *   context.step("a", async () => 1),
   *   context.step("b", async () => 2),
   * ]);
   * ```
   */
  readonly promise: DurablePromiseCombinators;

  /**
   * Replaces the logger behind `context.logger` (`customLogger`, for example pino or
   * Powertools) and chooses whether lines logged during replay are dropped (`modeAware`,
   * true by default). A logger with `configureDurableLoggingContext` receives a way to read
   * the execution ARN, request id and current operation at each call. Not checkpointed: call
   * it at the start of the handler, on every invocation.
   *
   * @example
   * ```ts
   * context.configureLogger({ customLogger: pinoLogger, modeAware: true });
   * ```
   */
  configureLogger(config: LoggerConfig<TLogger>): void;
  /**
   * Sets default serdes for the operations of this context created afterwards (for example
   * a serdes that keeps `Date`s), instead of JSON. An operation's own `serdes` option still
   * wins. Not checkpointed: call it on every invocation.
   *
   * @example
   * ```ts
   * context.configureSerdes({ defaultSerdes: mySuperJsonSerdes });
   * ```
   */
  configureSerdes(config: SerdesConfig): void;
}

/**
 * A durable handler: the user's code, wrapped with {@link withDurableExecution}.
 *
 * @example
 * ```ts
 * const process: DurableExecutionHandler<{ id: string }, string> = async (event, context) =>
 *   context.step("work", async () => `done ${event.id}`);
 * export const handler = withDurableExecution(process);
 * ```
 */
export type DurableExecutionHandler<
  TEvent = any,
  TResult = any,
  TLogger extends DurableLogger = DurableLogger,
> = (event: TEvent, context: DurableContext<TLogger>) => Promise<TResult>;
