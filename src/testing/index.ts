/**
 * `@aws/durable-execution-sdk-js/testing`: run durable handlers in process on an embedded
 * emulator of the Lambda durable execution service, with time skipping on a virtual clock,
 * and inspect their operations, history and callbacks; or unit-test them without any service
 * with {@link MockDurableExecutionClient} and its assertions.
 *
 * @packageDocumentation
 * @module @aws/durable-execution-sdk-js/testing
 */
export { LocalDurableTestRunner } from "./local-durable-test-runner";
export { CloudDurableTestRunner } from "./cloud/cloud-durable-test-runner";
export type {
  CloudDurableTestRunnerConfig,
  CloudDurableTestRunnerParameters,
} from "./cloud/cloud-runner-options";
export {
  ExecutionStatus,
  InvocationType,
  OperationStatus,
  OperationType,
  WaitingOperationStatus,
} from "./enums";
export type {
  CallbackDetails,
  ChainedInvokeDetails,
  CheckpointDelaySettings,
  ContextDetails,
  DurableOperation,
  DurableTestRunner,
  Invocation,
  InvokeRequest,
  LocalDurableTestRunnerParameters,
  LocalDurableTestRunnerSetupParameters,
  PrintConfig,
  SendDurableExecutionCallbackFailureResponse,
  SendDurableExecutionCallbackHeartbeatResponse,
  SendDurableExecutionCallbackSuccessResponse,
  StepDetails,
  TestResult,
  TestResultError,
  WaitResultDetails,
} from "./types";
export type { Operation, WireOperation } from "./operation-types";
export type { ErrorObject } from "../types/wire";
export type { OperationSubType } from "../types/operation-sub-type";
export type {
  Event,
  EventType,
  EventError,
  EventPayload,
  RetryDetails,
} from "./service/state/history-event";

// The embedded service, for tools (HTTP face, CLI) and advanced tests.
export { DurableExecutionService } from "./service/durable-execution-service";
export type { DurableExecutionServiceOptions } from "./service/durable-execution-service";
export { DurableServiceError, SERVICE_ERROR_SHAPES } from "./service/protocol/service-errors";
export type { ServiceErrorName, ServiceErrorShape } from "./service/protocol/service-errors";
export type { ServiceLimits } from "./service/protocol/service-limits";
export { DEFAULT_LIMITS } from "./service/protocol/service-limits";
export { VirtualClock } from "./service/timers/virtual-clock";
export type * from "./service/api/service-types";
export { startHttpService } from "./http/serve";
export type { HttpServiceHandle, StartHttpServiceOptions } from "./http/serve";
export type { WaitingCallback } from "./service/state/waiting-operations";
export { DEFAULT_HTTP_LIMITS } from "./http/connection-limits";
export type { HttpLimits } from "./http/connection-limits";
export { viaLambdaApi } from "./http/lambda-envelope";

// The execution timeline (HTML) of a history.
export { readHistoryEvents, renderTimelineHtml } from "./timeline";
export type { TimelineOptions } from "./timeline";
export { isolatedHandler } from "./isolation/isolated-handler";
export type { IsolatedHandlerOptions } from "./isolation/isolated-handler";

// Unit tests without the service: a recording checkpoint client and assertions on it.
export { MockDurableExecutionClient } from "./mock/mock-durable-execution-client";
export type {
  InvokeUntilDoneOptions,
  MockableHandler,
  MockDurableExecutionClientOptions,
  MockInvocationResult,
} from "./mock/mock-durable-execution-client";
export type { RecordedUpdate } from "./mock/recorded-update";
export { operationIdAt } from "./mock/operation-id-at";
export {
  checkpointedSteps,
  expectExecuted,
  expectReplayed,
  expectStepsCheckpointed,
  expectUpdatesInOrder,
} from "./mock/checkpoint-assertions";
export type {
  CheckpointedStep,
  ExpectedStep,
  ExpectedUpdate,
  InvocationFilter,
} from "./mock/checkpoint-assertions";

// Replay verification: replay new code against recorded executions (verify-only).
export * from "./replay";
