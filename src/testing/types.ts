/** Public types of the testing API. */
import type {
  SendDurableExecutionCallbackFailureResponse,
  SendDurableExecutionCallbackHeartbeatResponse,
  SendDurableExecutionCallbackSuccessResponse,
} from "@aws-sdk/client-lambda";
import type { ErrorObject, OperationStatus, OperationType } from "../types/wire";
import type { Operation } from "./operation-types";
import type { ExecutionStatus, WaitingOperationStatus } from "./enums";
import type { Event } from "./service/history-event";
import type { OperationSubType } from "../types/operation-sub-type";
import type { DurableLambdaHandler, FaultInjection } from "./service/service-types";

/** Options of `LocalDurableTestRunner.setupTestEnvironment`. */
export interface LocalDurableTestRunnerSetupParameters {
  /** Skip waits, retry delays and timeouts on the service's virtual clock. Default `false`. */
  skipTime?: boolean;
  /** Real milliseconds every checkpoint call waits before it is answered. */
  checkpointDelay?: number;
}

/** Alias kept for compatibility with an earlier reference snapshot. */
export type CheckpointDelaySettings = number;

/** Options of the `LocalDurableTestRunner` constructor. */
export interface LocalDurableTestRunnerParameters {
  /** The durable handler under test (what `withDurableExecution(...)` returns). */
  handlerFunction: DurableLambdaHandler;
  /** Crash simulation (extension): kill invocations after chosen checkpoints. */
  faultInjection?: FaultInjection;
  /**
   * Extension: real milliseconds `run()` waits, once the execution can only move on through
   * a callback completion, before it rejects with a "cannot make progress" error. Default 1000.
   */
  noProgressTimeout?: number;
}

/** Input of `run()`. */
export interface InvokeRequest {
  payload?: unknown;
}

/** An error as the testing API reports it. */
export interface TestResultError {
  errorMessage: string | undefined;
  errorType: string | undefined;
  errorData: string | undefined;
  stackTrace: string[] | undefined;
}

/** One invocation of the handler. */
export interface Invocation {
  startTimestamp: Date | undefined;
  endTimestamp: Date | undefined;
  requestId: string | undefined;
  error: TestResultError | undefined;
}

/** Details of a STEP operation. */
export interface StepDetails<TResult = unknown> {
  readonly attempt: number | undefined;
  readonly nextAttemptTimestamp: Date | undefined;
  readonly result: TResult | undefined;
  readonly error: TestResultError | undefined;
}

/** Details of a WAIT operation. */
export interface WaitResultDetails {
  readonly waitSeconds?: number;
  readonly scheduledEndTimestamp?: Date;
}

/** Details of a CALLBACK operation (or of a waitForCallback context's callback). */
export interface CallbackDetails<TResult = unknown> {
  readonly callbackId: string;
  readonly error?: TestResultError;
  readonly result?: TResult;
}

/** Details of a CONTEXT operation. */
export interface ContextDetails<TResult = unknown> {
  readonly result: TResult | undefined;
  readonly error: TestResultError | undefined;
}

/** Details of a CHAINED_INVOKE operation. */
export interface ChainedInvokeDetails<TResult = unknown> {
  readonly error?: TestResultError;
  readonly result?: TResult;
}

/**
 * Responses of the callback-sending methods: the AWS SDK's response types (empty objects;
 * the cloud runner's answers also carry the SDK's `$metadata`).
 */
export type {
  SendDurableExecutionCallbackFailureResponse,
  SendDurableExecutionCallbackHeartbeatResponse,
  SendDurableExecutionCallbackSuccessResponse,
} from "@aws-sdk/client-lambda";

/** A handle on one operation of an execution. */
export interface DurableOperation<TResult = any> {
  waitForData(status?: WaitingOperationStatus): Promise<DurableOperation<TResult>>;
  getContextDetails(): ContextDetails<TResult> | undefined;
  getStepDetails(): StepDetails<TResult> | undefined;
  getChainedInvokeDetails(): ChainedInvokeDetails<TResult> | undefined;
  getCallbackDetails(): CallbackDetails<TResult> | undefined;
  getWaitDetails(): WaitResultDetails | undefined;
  getChildOperations(): DurableOperation[] | undefined;
  getOperationData(): Operation | undefined;
  getEvents(): Event[] | undefined;
  getId(): string | undefined;
  getParentId(): string | undefined;
  getName(): string | undefined;
  getType(): OperationType | undefined;
  getSubType(): OperationSubType | undefined;
  isWaitForCallback(): boolean;
  isCallback(): boolean;
  getStatus(): OperationStatus | undefined;
  getStartTimestamp(): Date | undefined;
  getEndTimestamp(): Date | undefined;
  sendCallbackSuccess(result?: string): Promise<SendDurableExecutionCallbackSuccessResponse>;
  sendCallbackFailure(error?: ErrorObject): Promise<SendDurableExecutionCallbackFailureResponse>;
  sendCallbackHeartbeat(): Promise<SendDurableExecutionCallbackHeartbeatResponse>;
}

/** Columns of `TestResult.print`. */
export interface PrintConfig {
  parentId?: boolean;
  name?: boolean;
  type?: boolean;
  subType?: boolean;
  status?: boolean;
  startTime?: boolean;
  endTime?: boolean;
  duration?: boolean;
}

/** The outcome of one `run()`: an immutable snapshot. */
export interface TestResult<TResult = any> {
  getOperations(params?: { status: OperationStatus }): DurableOperation[];
  getInvocations(): Invocation[];
  getStatus(): ExecutionStatus | undefined;
  getResult(): TResult | undefined;
  getError(): TestResultError;
  getHistoryEvents(): Event[];
  print(config?: PrintConfig): void;
}

/** Interface shared by test runners. */
export interface DurableTestRunner<TDurableOperation extends DurableOperation, ResultType> {
  run(params?: InvokeRequest): Promise<TestResult<ResultType>>;
  getOperation(name: string): TDurableOperation;
  getOperationByIndex(index: number): TDurableOperation;
  getOperationByNameAndIndex(name: string, index: number): TDurableOperation;
  getOperationById(id: string): TDurableOperation;
}
