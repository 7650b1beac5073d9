import type { DurableOperationError } from "../errors/durable-operation-errors";
import type { BatchResult, CompletionConfig, NestingType } from "./batch";
import type { Duration } from "./duration";
import type { DurableContextLogger, DurableLogger } from "./logger";
import type { RetryDecision, StepSemantics } from "./retry";
import type { Serdes } from "./serdes";

/** A retry policy: asked after each failed attempt (1-based) whether and when to retry. */
export type RetryStrategy = (error: Error, attemptCount: number) => RetryDecision;

/** Options of `step`. */
export interface StepConfig<T> {
  retryStrategy?: RetryStrategy;
  semantics?: StepSemantics;
  serdes?: Serdes<T>;
}

/** Options of `runInChildContext`. */
export interface ChildConfig<T> {
  serdes?: Serdes<T>;
  subType?: string;
  summaryGenerator?: (result: T) => string;
  errorMapper?: (originalError: DurableOperationError) => DurableOperationError;
  virtualContext?: boolean;
}

/** Options of `invoke`. */
export interface InvokeConfig<I, O> {
  payloadSerdes?: Serdes<I>;
  resultSerdes?: Serdes<O>;
  tenantId?: string;
}

/** What the wait strategy of `waitForCondition` decides after each check. */
export type WaitForConditionDecision =
  { shouldContinue: true; delay: Duration } | { shouldContinue: false };

/** Decides after each check whether to keep polling. */
export type WaitForConditionWaitStrategyFunc<T> = (
  state: T,
  attempt: number,
) => WaitForConditionDecision;

/** Options of `waitForCondition`. */
export interface WaitForConditionConfig<T> {
  waitStrategy: WaitForConditionWaitStrategyFunc<T>;
  initialState: T;
  serdes?: Serdes<T>;
}

/** Context passed to callbacks run inside an operation. */
export interface OperationContext<Logger extends DurableLogger> {
  logger: Logger;
}

/** Context passed to a step function. */
export interface StepContext<Logger extends DurableLogger = DurableLogger> extends OperationContext<
  DurableContextLogger<Logger>
> {
  attempt: number;
}

/** Context passed to a `waitForCondition` check. */
export interface WaitForConditionContext<
  Logger extends DurableLogger = DurableLogger,
> extends OperationContext<DurableContextLogger<Logger>> {
  attempt: number;
}

/** Context passed to a `waitForCallback` submitter. */
export type WaitForCallbackContext<Logger extends DurableLogger = DurableLogger> = OperationContext<
  DurableContextLogger<Logger>
>;

/** The work of a step. */
export type StepFunc<T, Logger extends DurableLogger = DurableLogger> = (
  context: StepContext<Logger>,
) => Promise<T>;

/** A `waitForCondition` check: derives the next state from the current one. */
export type WaitForConditionCheckFunc<T, Logger extends DurableLogger = DurableLogger> = (
  state: T,
  context: WaitForConditionContext<Logger>,
) => Promise<T>;

/** Hands a callback id to the external system. */
export type WaitForCallbackSubmitterFunc<Logger extends DurableLogger = DurableLogger> = (
  callbackId: string,
  context: WaitForCallbackContext<Logger>,
) => Promise<void>;

/** Options of `createCallback`. */
export interface CreateCallbackConfig<TOutput = string> {
  timeout?: Duration;
  heartbeatTimeout?: Duration;
  serdes?: Omit<Serdes<TOutput>, "serialize">;
}

/** Options of `waitForCallback`. */
export interface WaitForCallbackConfig<TOutput = string> {
  timeout?: Duration;
  heartbeatTimeout?: Duration;
  retryStrategy?: RetryStrategy;
  serdes?: Omit<Serdes<TOutput>, "serialize">;
}

/** Options of `map`. */
export interface MapConfig<TItem, TResult> {
  maxConcurrency?: number;
  itemNamer?: (item: TItem, index: number) => string;
  serdes?: Serdes<BatchResult<TResult>>;
  itemSerdes?: Serdes<TResult>;
  completionConfig?: CompletionConfig;
  summaryGenerator?: (result: BatchResult<TResult>) => string;
  nesting?: NestingType;
}

/** Options of `parallel`. */
export interface ParallelConfig<TResult> {
  maxConcurrency?: number;
  serdes?: Serdes<BatchResult<TResult>>;
  itemSerdes?: Serdes<TResult>;
  completionConfig?: CompletionConfig;
  summaryGenerator?: (result: BatchResult<TResult>) => string;
  nesting?: NestingType;
}
