/** Public types of the testing API. */
import type {
  SendDurableExecutionCallbackFailureResponse,
  SendDurableExecutionCallbackHeartbeatResponse,
  SendDurableExecutionCallbackSuccessResponse,
} from "@aws-sdk/client-lambda";
import type { ErrorObject, OperationStatus, OperationType } from "../types/wire";
import type { Operation } from "./operation-types";
import type { ExecutionStatus, WaitingOperationStatus } from "./enums";
import type { Event } from "./service/state/history-event";
import type { OperationSubType } from "../types/operation-sub-type";
import type { DurableLambdaHandler, FaultInjection } from "./service/api/service-types";
import type { TimelineOptions } from "./timeline/render-html";

/**
 * Options of `LocalDurableTestRunner.setupTestEnvironment`.
 *
 * @example
 * ```ts
 * beforeAll(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
 * ```
 */
export interface LocalDurableTestRunnerSetupParameters {
  /** Skip waits, retry delays and timeouts on the service's virtual clock. Default `false`. */
  skipTime?: boolean;
  /** Real milliseconds every checkpoint call waits before it is answered. */
  checkpointDelay?: number;
  /**
   * Extension, with `skipTime`: real milliseconds in which nobody answered or heart-beat a
   * callback before the virtual clock may jump past its timeout. A heartbeat timeout that has
   * received a heartbeat always runs in real time. `Infinity`: never skip them. Default 1000.
   */
  callbackTimeoutGrace?: number;
}

/**
 * Alias kept for compatibility with an earlier reference snapshot.
 *
 * @example
 * ```ts
 * const delay: CheckpointDelaySettings = 5; // ms per checkpoint call
 * beforeAll(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true, checkpointDelay: delay }));
 * ```
 */
export type CheckpointDelaySettings = number;

/**
 * Options of the `LocalDurableTestRunner` constructor.
 *
 * @example
 * ```ts
 * const runner = new LocalDurableTestRunner({ handlerFunction: handler, noProgressTimeout: 5_000 });
 * ```
 */
export interface LocalDurableTestRunnerParameters {
  /** The durable handler under test (what `withDurableExecution(...)` returns). */
  handlerFunction: DurableLambdaHandler;
  /** Crash simulation (extension): kill invocations after chosen checkpoints. */
  faultInjection?: FaultInjection;
  /**
   * Extension: when set, `run()` rejects with a "cannot make progress" error once the
   * execution has waited this many real milliseconds for input from outside (a callback
   * answer) without progress. Default: none, `run()` keeps waiting, as on the service.
   */
  noProgressTimeout?: number;
  /**
   * Extension: real milliseconds without progress, while the execution waits for input
   * from outside, after which `run()` prints once to stderr what it waits for and how to
   * answer. `false` turns the report off. Default 3000.
   */
  reportWaitingAfter?: number | false;
  /**
   * Extension: function name the execution is started under (what listings, ARNs and the
   * Lambda context show). Default `my-function-name`, as in the reference.
   */
  functionName?: string;
}

/**
 * Input of `run()`.
 *
 * @example
 * ```ts
 * const result = await runner.run({ payload: { orderId: "42" } });
 * ```
 */
export interface InvokeRequest {
  payload?: unknown;
}

/**
 * An error as the testing API reports it.
 *
 * @example
 * ```ts
 * const result = await runner.run();
 * if (result.getStatus() === "FAILED") console.log(result.getError().errorType, result.getError().errorMessage);
 * ```
 */
export interface TestResultError {
  errorMessage: string | undefined;
  errorType: string | undefined;
  errorData: string | undefined;
  stackTrace: string[] | undefined;
}

/**
 * One invocation of the handler.
 *
 * @example
 * ```ts
 * const result = await runner.run();
 * for (const invocation of result.getInvocations()) console.log(invocation.requestId, invocation.error);
 * ```
 */
export interface Invocation {
  startTimestamp: Date | undefined;
  endTimestamp: Date | undefined;
  requestId: string | undefined;
  error: TestResultError | undefined;
}

/**
 * Details of a STEP operation.
 *
 * @example
 * ```ts
 * const details = runner.getOperation("charge").getStepDetails();
 * expect(details).toMatchObject({ attempt: 2, result: { chargeId: "ch_1" } });
 * ```
 */
export interface StepDetails<TResult = unknown> {
  readonly attempt: number | undefined;
  readonly nextAttemptTimestamp: Date | undefined;
  readonly result: TResult | undefined;
  readonly error: TestResultError | undefined;
}

/**
 * Details of a WAIT operation.
 *
 * @example
 * ```ts
 * const wait = runner.getOperation("cool-off").getWaitDetails();
 * expect(wait?.waitSeconds).toBe(30);
 * ```
 */
export interface WaitResultDetails {
  readonly waitSeconds?: number;
  readonly scheduledEndTimestamp?: Date;
}

/**
 * Details of a CALLBACK operation (or of a waitForCallback context's callback).
 *
 * @example
 * ```ts
 * const details = runner.getOperation("approval").getCallbackDetails();
 * console.log(details?.callbackId, details?.result);
 * ```
 */
export interface CallbackDetails<TResult = unknown> {
  readonly callbackId: string;
  readonly error?: TestResultError;
  readonly result?: TResult;
}

/**
 * Details of a CONTEXT operation.
 *
 * @example
 * ```ts
 * const details = runner.getOperation("bookings").getContextDetails();
 * expect(details?.result).toEqual({ flight: "FL-1" });
 * ```
 */
export interface ContextDetails<TResult = unknown> {
  readonly result: TResult | undefined;
  readonly error: TestResultError | undefined;
}

/**
 * Details of a CHAINED_INVOKE operation.
 *
 * @example
 * ```ts
 * const details = runner.getOperation("fraud-check").getChainedInvokeDetails();
 * expect(details?.result).toEqual({ score: 0.1 });
 * ```
 */
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

/**
 * A handle on one operation of an execution.
 *
 * @example
 * ```ts
 * const charge: DurableOperation = runner.getOperation("charge");
 * await charge.waitForData();
 * console.log(charge.getStatus(), charge.getStepDetails()?.attempt);
 * ```
 */
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

/**
 * Columns of `TestResult.print`.
 *
 * @example
 * ```ts
 * result.print({ parentId: true, name: true, type: true, status: true, duration: true });
 * ```
 */
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

/**
 * The outcome of one `run()`: an immutable snapshot.
 *
 * @example
 * ```ts
 * const result: TestResult<{ total: number }> = await runner.run({ payload });
 * expect(result.getStatus()).toBe("SUCCEEDED");
 * expect(result.getResult()?.total).toBe(12);
 * result.print(); // a table of the operations
 * ```
 */
export interface TestResult<TResult = any> {
  getOperations(params?: { status: OperationStatus }): DurableOperation[];
  getInvocations(): Invocation[];
  getStatus(): ExecutionStatus | undefined;
  getResult(): TResult | undefined;
  getError(): TestResultError;
  getHistoryEvents(): Event[];
  print(config?: PrintConfig): void;
  /**
   * Extension: the execution's timeline as a self-contained HTML page (inline SVG, no
   * network): one row per operation, attempts, retry delays, waits and invocations on the
   * service's clock, with tooltips.
   *
   * @example
   * ```ts
   * const result = await runner.run();
   * writeFileSync("run.html", result.toTimelineHtml({ title: "checkout" }));
   * ```
   */
  toTimelineHtml(options?: TimelineOptions): string;
}

/**
 * Interface shared by test runners.
 *
 * @example
 * ```ts
 * async function expectSucceeds(runner: DurableTestRunner<DurableOperation, unknown>) {
 *   expect((await runner.run()).getStatus()).toBe("SUCCEEDED");
 * }
 * ```
 */
export interface DurableTestRunner<TDurableOperation extends DurableOperation, ResultType> {
  run(params?: InvokeRequest): Promise<TestResult<ResultType>>;
  getOperation(name: string): TDurableOperation;
  getOperationByIndex(index: number): TDurableOperation;
  getOperationByNameAndIndex(name: string, index: number): TDurableOperation;
  getOperationById(id: string): TDurableOperation;
}
