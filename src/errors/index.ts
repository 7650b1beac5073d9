export {
  BatchCompletionError,
  CallbackError,
  CallbackExternalError,
  CallbackSubmitterError,
  CallbackTimeoutError,
  ChildContextError,
  DurableOperationError,
  InvokeError,
  PromiseCombinatorError,
  StepError,
  StepTimeoutError,
  WaitForConditionError,
} from "./durable-operation-errors";
export {
  DurableExecutionClientError,
  DurableExecutionClientErrorScope,
  isDurableExecutionClientError,
} from "./durable-execution-client-error";
export type { DurableExecutionClientErrorOptions } from "./durable-execution-client-error";
export { toErrorObject } from "./error-object";
export {
  CheckpointUnrecoverableExecutionError,
  CheckpointUnrecoverableInvocationError,
  NonDeterministicExecutionError,
  SerdesFailedError,
  serdesFailed,
} from "./internal-errors";
export { PluginLoadError } from "./plugin-load-error";
export { LambdaTimeRunningOutError } from "./lambda-time-running-out-error";
export { StepInterruptedError } from "./step-interrupted-error";
