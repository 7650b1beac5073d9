import type { Context } from "aws-lambda";
import type { DurablePromise } from "../context/durable-promise";
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

/** Body of a child context. */
export type ChildFunc<T, Logger extends DurableLogger = DurableLogger> = (
  context: DurableContext<Logger>,
) => Promise<T>;

/** Processes one map item in its own child context. */
export type MapFunc<TInput, TOutput, Logger extends DurableLogger = DurableLogger> = (
  context: DurableContext<Logger>,
  item: TInput,
  index: number,
  array: TInput[],
) => Promise<TOutput>;

/** A parallel branch. */
export type ParallelFunc<TResult, Logger extends DurableLogger = DurableLogger> = (
  context: DurableContext<Logger>,
) => Promise<TResult>;

/** A parallel branch with a name. */
export interface NamedParallelBranch<TResult, Logger extends DurableLogger = DurableLogger> {
  name?: string;
  func: ParallelFunc<TResult, Logger>;
}

/** What awaiting `createCallback` yields: the result promise and the id to hand out. */
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

/** Promise combinators whose combined outcome is checkpointed. */
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

/** The handle a durable handler uses for every durable operation. */
export interface DurableContext<TLogger extends DurableLogger = DurableLogger> {
  /** The Lambda context of the current invocation. */
  lambdaContext: Context;
  /** Replay-aware logger. */
  logger: DurableContextLogger<TLogger>;
  /** Read-only facts about the running execution. */
  executionContext: { readonly durableExecutionArn: string };

  step<TOutput>(
    name: string | undefined,
    fn: StepFunc<TOutput, TLogger>,
    config?: StepConfig<TOutput>,
  ): DurablePromise<TOutput>;
  step<TOutput>(
    fn: StepFunc<TOutput, TLogger>,
    config?: StepConfig<TOutput>,
  ): DurablePromise<TOutput>;

  invoke<TInput, TOutput>(
    name: string,
    funcId: string,
    input?: TInput,
    config?: InvokeConfig<TInput, TOutput>,
  ): DurablePromise<TOutput>;
  invoke<TInput, TOutput>(
    funcId: string,
    input?: TInput,
    config?: InvokeConfig<TInput, TOutput>,
  ): DurablePromise<TOutput>;

  runInChildContext<TOutput>(
    name: string | undefined,
    fn: ChildFunc<TOutput, TLogger>,
    config?: ChildConfig<TOutput>,
  ): DurablePromise<TOutput>;
  runInChildContext<TOutput>(
    fn: ChildFunc<TOutput, TLogger>,
    config?: ChildConfig<TOutput>,
  ): DurablePromise<TOutput>;

  wait(name: string, duration: Duration): DurablePromise<void>;
  wait(duration: Duration): DurablePromise<void>;

  waitForCondition<TOutput>(
    name: string | undefined,
    checkFunc: WaitForConditionCheckFunc<TOutput, TLogger>,
    config: WaitForConditionConfig<TOutput>,
  ): DurablePromise<TOutput>;
  waitForCondition<TOutput>(
    checkFunc: WaitForConditionCheckFunc<TOutput, TLogger>,
    config: WaitForConditionConfig<TOutput>,
  ): DurablePromise<TOutput>;

  createCallback<TOutput = string>(
    name: string | undefined,
    config?: CreateCallbackConfig<TOutput>,
  ): DurablePromise<CreateCallbackResult<TOutput>>;
  createCallback<TOutput = string>(
    config?: CreateCallbackConfig<TOutput>,
  ): DurablePromise<CreateCallbackResult<TOutput>>;

  waitForCallback<TOutput = string>(
    name: string | undefined,
    submitter: WaitForCallbackSubmitterFunc<TLogger>,
    config?: WaitForCallbackConfig<TOutput>,
  ): DurablePromise<TOutput>;
  waitForCallback<TOutput = string>(
    submitter: WaitForCallbackSubmitterFunc<TLogger>,
    config?: WaitForCallbackConfig<TOutput>,
  ): DurablePromise<TOutput>;

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

  parallel<TOutput>(
    name: string | undefined,
    branches: (ParallelFunc<TOutput, TLogger> | NamedParallelBranch<TOutput, TLogger>)[],
    config?: ParallelConfig<TOutput>,
  ): DurablePromise<BatchResult<TOutput>>;
  parallel<TOutput>(
    branches: (ParallelFunc<TOutput, TLogger> | NamedParallelBranch<TOutput, TLogger>)[],
    config?: ParallelConfig<TOutput>,
  ): DurablePromise<BatchResult<TOutput>>;
  parallel<Branches extends readonly unknown[]>(
    name: string | undefined,
    branches: Branches,
    config?: ParallelConfig<InferBranchResult<Branches, TLogger>>,
  ): Promise<BatchResult<InferBranchResult<Branches, TLogger>>>;
  parallel<Branches extends readonly unknown[]>(
    branches: Branches,
    config?: ParallelConfig<InferBranchResult<Branches, TLogger>>,
  ): DurablePromise<BatchResult<InferBranchResult<Branches, TLogger>>>;

  /** Promise combinators; each call returns a fresh object. */
  readonly promise: DurablePromiseCombinators;

  configureLogger(config: LoggerConfig<TLogger>): void;
  configureSerdes(config: SerdesConfig): void;
}

/** A durable handler: the user's code. */
export type DurableExecutionHandler<
  TEvent = any,
  TResult = any,
  TLogger extends DurableLogger = DurableLogger,
> = (event: TEvent, context: DurableContext<TLogger>) => Promise<TResult>;
