/**
 * The SDK a durable Lambda handler imports: {@link withDurableExecution} and the
 * {@link DurableContext} it hands to the handler, retry and wait strategies, serdes, errors,
 * logging, instrumentation plugins, and the wire types of the durable execution API.
 *
 * @packageDocumentation
 * @module @aws/durable-execution-sdk-js
 */
// Public surface of "@aws/durable-execution-sdk-js": exports only, no logic.
export { withDurableExecution } from "./entry/with-durable-execution";
export type { DurableLambdaHandler } from "./entry/with-durable-execution";
export type { CheckpointMode, DurableExecutionConfig } from "./entry/durable-execution-config";
export { InvocationStatus } from "./types/invocation";
export { OperationSubType } from "./types/operation-sub-type";
export type {
  DurableExecutionInvocationInput,
  DurableExecutionInvocationOutput,
  DurableExecutionInvocationOutputFailed,
  DurableExecutionInvocationOutputPending,
  DurableExecutionInvocationOutputSucceeded,
} from "./types/invocation";
export { DurablePromise } from "./types/durable-promise";
export type {
  ChildFunc,
  CreateCallbackResult,
  DurableContext,
  DurableExecutionHandler,
  MapFunc,
  NamedParallelBranch,
  ParallelFunc,
} from "./types/durable-context";
export type {
  ChildConfig,
  CreateCallbackConfig,
  InvokeConfig,
  MapConfig,
  OperationContext,
  ParallelConfig,
  StepConfig,
  StepContext,
  StepFunc,
  WaitForCallbackConfig,
  WaitForCallbackContext,
  WaitForCallbackSubmitterFunc,
  WaitForConditionCheckFunc,
  WaitForConditionConfig,
  WaitForConditionContext,
  WaitForConditionDecision,
  WaitForConditionWaitStrategyFunc,
} from "./types/operation-configs";
export { BatchItemStatus, CompletionOutcome, NestingType } from "./types/batch";
export { completeBatch, continueBatch } from "./operations/concurrency/completion-policy";
export type {
  ConcurrencyConfig,
  ConcurrentExecutionItem,
  ConcurrentExecutor,
} from "./operations/concurrency/types";
export type {
  BatchItem,
  BatchResult,
  CompletionConfig,
  CompletionDecision,
  CompletionItemStatus,
  CompletionReason,
  CompletionStatus,
  CustomCompletionConfig,
  ThresholdCompletionConfig,
} from "./types/batch";
export type { Duration } from "./types/duration";
export { StepSemantics } from "./types/retry";
export type {
  LinearRetryStrategyConfig,
  RetryDecision,
  RetryStrategyConfig,
  WaitStrategyConfig,
} from "./types/retry";
export * from "./retry/index";
export * from "./serdes/index";
export type {
  AnySerdes,
  AnySerdesDeserializer,
  Serdes,
  SerdesConfig,
  SerdesContext,
} from "./types/serdes";
export {
  BatchCompletionError,
  CallbackError,
  CallbackExternalError,
  CallbackSubmitterError,
  CallbackTimeoutError,
  ChildContextError,
  DurableExecutionClientError,
  DurableExecutionClientErrorScope,
  DurableOperationError,
  InvokeError,
  isDurableExecutionClientError,
  LambdaTimeRunningOutError,
  PluginLoadError,
  PromiseCombinatorError,
  StepError,
  StepInterruptedError,
  StepTimeoutError,
  WaitForConditionError,
} from "./errors/index";
export type { DurableExecutionClientErrorOptions } from "./errors/index";
export { refreshLogConfig } from "./logging/verbose";
export { DurableLogLevel } from "./types/logger";
export type {
  DurableContextLogger,
  DurableLogData,
  DurableLogger,
  DurableLoggingContext,
  LoggerConfig,
} from "./types/logger";
export type {
  DurableExecutionClient,
  ReachedOperation,
  ReplayVerifierHooks,
} from "./checkpoint/durable-execution-client";
export { DurableExecutionApiClient } from "./checkpoint/durable-execution-api-client";
export { DurableExecutionInvocationInputWithClient } from "./checkpoint/invocation-input-with-client";
export { SDK_VERSION } from "./version";
export * from "./types/wire";
export {
  AttemptEndInfoOutcome,
  DURABLE_INSTRUMENTATION_PLUGIN_API_VERSION,
  PluginInvocationStatus,
  PluginOperationStatus,
} from "./plugins/plugin-types";
export type {
  AttemptEndInfo,
  AttemptInfo,
  ChildContextStartInfo,
  CustomerFn,
  CustomerFnResult,
  DurableInstrumentationPlugin,
  DurableInstrumentationPluginProvider,
  DurableInstrumentationPluginType,
  InvocationBaseInfo,
  InvocationEndInfo,
  InvocationInfo,
  OperationChangeInfo,
  OperationEndInfo,
  OperationInfo,
} from "./plugins/plugin-types";
export { withRetry } from "./retry/with-retry";
export type { RetryableFunc, WithRetryConfig } from "./retry/with-retry";
