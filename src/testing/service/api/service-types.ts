/**
 * Request and response shapes of the embedded service. Each method of
 * `DurableExecutionService` takes the input of one REST operation of the Lambda durable
 * execution API (PascalCase members as on the wire, timestamps as `Date`) and returns its
 * output, so an HTTP face can map them 1:1.
 */
import type { Context, Handler } from "aws-lambda";
import type { DurableExecutionInvocationOutput } from "../../../types/invocation";
import type { ErrorObject, OperationUpdate } from "../../../types/wire";
import type { Event } from "../state/history-event";
import type { ExecutionStatus } from "./execution-status";

/**
 * Status of a durable execution, as the service's request and response shapes name it: the
 * same values as {@link ExecutionStatus}.
 *
 * @example
 * ```ts
 * const done: ExecutionStatusValue[] = ["SUCCEEDED", "FAILED", "TIMED_OUT", "STOPPED"];
 * ```
 */
export type ExecutionStatusValue = ExecutionStatus;

/**
 * A durable function handler: what `withDurableExecution(...)` returns.
 *
 * @example
 * ```ts
 * const durable: DurableLambdaHandler = withDurableExecution(work);
 * service.registerDurableFunction("worker", durable);
 * ```
 */
export type DurableLambdaHandler = (
  event: any,
  context: Context,
) => Promise<DurableExecutionInvocationOutput>;

/**
 * A plain (non-durable) Lambda handler, used as a chained-invoke target.
 *
 * @example
 * ```ts
 * const tax: PlainLambdaHandler = async (event: { amount: number }) => ({ tax: event.amount * 0.2 });
 * runner.registerFunction("tax-function", tax);
 * ```
 */
export type PlainLambdaHandler = Handler;

/**
 * A function the service can invoke.
 *
 * @example
 * ```ts
 * const target: RegisteredFunction = { kind: "plain", handler: async () => "pong" };
 * ```
 */
export type RegisteredFunction =
  | { readonly kind: "durable"; readonly handler: DurableLambdaHandler }
  | { readonly kind: "plain"; readonly handler: PlainLambdaHandler };

/**
 * Name → function map used to resolve function names (execution starts, chained invokes).
 *
 * @example
 * ```ts
 * const registry: FunctionRegistry = new Map([["worker", { kind: "durable", handler }]]);
 * ```
 */
export type FunctionRegistry = ReadonlyMap<string, RegisteredFunction>;

/**
 * Input of `startDurableExecution` (the Lambda `Invoke` call of a durable function).
 *
 * @example
 * ```ts
 * await service.startDurableExecution({
 *   FunctionName: "orders",
 *   Qualifier: "live",
 *   Payload: JSON.stringify({ orderId: "42" }),
 *   DurableExecutionName: "order-42",
 * });
 * ```
 */
export interface StartDurableExecutionRequest {
  /** Function name, `name:qualifier`, partial or full ARN. */
  FunctionName: string;
  /** Version or alias; `$LATEST` when absent. */
  Qualifier?: string;
  /** Input JSON text; `{}` when absent or empty. */
  Payload?: string;
  /** Execution name (1-64 of `[a-zA-Z0-9-_]`); a UUID when absent. */
  DurableExecutionName?: string;
  /** `Event` (asynchronous) or `RequestResponse`; informational for the service. */
  InvocationType?: "Event" | "RequestResponse";
  /** Tenant id passed with the invoke. */
  TenantId?: string;
  /** Execution timeout in seconds (1-31,622,400). */
  ExecutionTimeout?: number;
  /** Days the execution is kept after it ends (1-90, default 14). */
  RetentionPeriodInDays?: number;
}

/**
 * Output of `startDurableExecution`.
 *
 * @example
 * ```ts
 * const { DurableExecutionArn, AlreadyStarted } = await service.startDurableExecution({ FunctionName: "orders" });
 * ```
 */
export interface StartDurableExecutionResponse {
  DurableExecutionArn: string;
  /** True when an execution with the same name and payload already existed and was returned. */
  AlreadyStarted: boolean;
}

/**
 * Summary of one execution (ListDurableExecutionsByFunction).
 *
 * @example
 * ```ts
 * const { DurableExecutions } = await service.listDurableExecutionsByFunction({ FunctionName: "orders" });
 * for (const summary of DurableExecutions) console.log(summary.DurableExecutionName, summary.Status);
 * ```
 */
export interface ExecutionSummary {
  DurableExecutionArn: string;
  DurableExecutionName: string;
  FunctionArn: string;
  Status: ExecutionStatusValue;
  StartTimestamp: Date;
  EndTimestamp?: Date;
}

/**
 * Input of `getDurableExecution`.
 *
 * @example
 * ```ts
 * const execution = await service.getDurableExecution({ DurableExecutionArn: arn, IncludeExecutionData: true });
 * ```
 */
export interface GetDurableExecutionRequest {
  DurableExecutionArn: string;
  IncludeExecutionData?: boolean;
}

/**
 * Output of `getDurableExecution`.
 *
 * @example
 * ```ts
 * const execution = await service.getDurableExecution({ DurableExecutionArn: arn });
 * if (execution.Status === "SUCCEEDED") console.log(execution.Result);
 * ```
 */
export interface GetDurableExecutionResponse extends ExecutionSummary {
  InputPayload?: string;
  Result?: string;
  Error?: ErrorObject;
  Version: string;
  TraceHeader?: { XAmznTraceId?: string };
  ExecutionDataIncluded: boolean;
  DurableConfig: { RetentionPeriodInDays?: number; ExecutionTimeout?: number; KMSKeyArn?: string };
}

/**
 * Input of `getDurableExecutionHistory`.
 *
 * @example
 * ```ts
 * const { Events } = await service.getDurableExecutionHistory({ DurableExecutionArn: arn, MaxItems: 100 });
 * ```
 */
export interface GetDurableExecutionHistoryRequest {
  DurableExecutionArn: string;
  IncludeExecutionData?: boolean;
  MaxItems?: number;
  Marker?: string;
  ReverseOrder?: boolean;
}

/**
 * Output of `getDurableExecutionHistory`.
 *
 * @example
 * ```ts
 * const page = await service.getDurableExecutionHistory({ DurableExecutionArn: arn });
 * console.log(page.Events.map((e) => e.EventType), page.NextMarker);
 * ```
 */
export interface GetDurableExecutionHistoryResponse {
  Events: Event[];
  NextMarker?: string;
}

/**
 * Input of `sendDurableExecutionCallbackSuccess`.
 *
 * @example
 * ```ts
 * await service.sendDurableExecutionCallbackSuccess({ CallbackId: callbackId, Result: JSON.stringify({ ok: true }) });
 * ```
 */
export interface SendDurableExecutionCallbackSuccessRequest {
  CallbackId: string;
  /** The raw result: text, or bytes decoded as UTF-8. Empty or absent stores no result. */
  Result?: string | Uint8Array;
}

/**
 * Input of `sendDurableExecutionCallbackFailure`.
 *
 * @example
 * ```ts
 * await service.sendDurableExecutionCallbackFailure({
 *   CallbackId: callbackId,
 *   Error: { ErrorType: "Rejected", ErrorMessage: "not approved" },
 * });
 * ```
 */
export interface SendDurableExecutionCallbackFailureRequest {
  CallbackId: string;
  Error?: ErrorObject;
}

/**
 * Input of `sendDurableExecutionCallbackHeartbeat`.
 *
 * @example
 * ```ts
 * await service.sendDurableExecutionCallbackHeartbeat({ CallbackId: callbackId });
 * ```
 */
export interface SendDurableExecutionCallbackHeartbeatRequest {
  CallbackId: string;
}

/**
 * Input of `stopDurableExecution`.
 *
 * @example
 * ```ts
 * await service.stopDurableExecution({ DurableExecutionArn: arn, Error: { ErrorMessage: "cancelled by user" } });
 * ```
 */
export interface StopDurableExecutionRequest {
  DurableExecutionArn: string;
  Error?: ErrorObject;
}

/**
 * Output of `stopDurableExecution`.
 *
 * @example
 * ```ts
 * const { StopTimestamp } = await service.stopDurableExecution({ DurableExecutionArn: arn });
 * ```
 */
export interface StopDurableExecutionResponse {
  StopTimestamp: Date;
}

/**
 * Input of `listDurableExecutionsByFunction`.
 *
 * @example
 * ```ts
 * const failed = await service.listDurableExecutionsByFunction({ FunctionName: "orders", Statuses: ["FAILED"] });
 * ```
 */
export interface ListDurableExecutionsByFunctionRequest {
  FunctionName: string;
  Qualifier?: string;
  DurableExecutionName?: string;
  Statuses?: ExecutionStatusValue[];
  StartedAfter?: Date;
  StartedBefore?: Date;
  /** `false` (default): newest first; `true`: oldest first. */
  ReverseOrder?: boolean;
  Marker?: string;
  MaxItems?: number;
}

/**
 * Output of `listDurableExecutionsByFunction`.
 *
 * @example
 * ```ts
 * const { DurableExecutions, NextMarker } = await service.listDurableExecutionsByFunction({ FunctionName: "orders" });
 * ```
 */
export interface ListDurableExecutionsByFunctionResponse {
  DurableExecutions: ExecutionSummary[];
  NextMarker?: string;
}

/**
 * Describes one checkpoint call, for fault injection.
 *
 * @example
 * ```ts
 * const runner = new LocalDurableTestRunner({
 *   handlerFunction: handler,
 *   faultInjection: { shouldCrash: (call: CheckpointCallInfo) => call.updates.some((u) => u.Name === "charge") },
 * });
 * ```
 */
export interface CheckpointCallInfo {
  /** 1-based number of the invocation within the execution. */
  invocation: number;
  /** 1-based number of the checkpoint call within the invocation. */
  checkpoint: number;
  /** The updates of the call. */
  updates: readonly OperationUpdate[];
}

/**
 * Fault injection for crash tests. When a rule matches, the service applies the checkpoint,
 * then "kills" the invocation: the SDK never receives the response, the invocation is
 * recorded as failed with `ErrorType` `Runtime.ExitError`, and the service re-invokes.
 *
 * @example
 * ```ts
 * const runner = new LocalDurableTestRunner({
 *   handlerFunction: handler,
 *   faultInjection: { crashAfterCheckpoint: 2, invocations: [1] }, // the first invocation dies
 * });
 * ```
 */
export interface FaultInjection {
  /** Crash right after the N-th (1-based) checkpoint call of an affected invocation. */
  crashAfterCheckpoint?: number;
  /** Which invocations (1-based) `crashAfterCheckpoint` affects; default `[1]`. */
  invocations?: number[];
  /** General rule: crash after this checkpoint call when it returns true. */
  shouldCrash?: (call: CheckpointCallInfo) => boolean;
}

/**
 * Observer of one execution's changes (used by the test runner).
 *
 * @example
 * ```ts
 * const stop = service.observe(arn, {
 *   onOperation: (op) => console.log(op.Name, op.Status),
 *   onBlocked: () => console.log("waiting for a callback"),
 * });
 * // ... later
 * stop();
 * ```
 */
export interface ExecutionObserver {
  /** An operation was created or changed (the record is the service's own: read, do not mutate). */
  onOperation?(operation: import("../../../types/wire").Operation): void;
  /** A history event was recorded. */
  onEvent?(event: Event): void;
  /** A chained invoke named a function that is not registered. */
  onUnknownFunction?(functionName: string): void;
  /** The execution is running but nothing is scheduled: only an external call can move it. */
  onBlocked?(): void;
  /** An invocation returned something that is not a durable invocation output. */
  onInvalidOutput?(message: string): void;
  /** A checkpoint call was accepted (tools: the `run-durable -v` trace). */
  onCheckpoint?(updates: readonly OperationUpdate[]): void;
}

/**
 * What a watcher learns about an execution when it starts.
 *
 * @example
 * ```ts
 * service.watchExecutions((started: StartedExecution) => {
 *   console.log(`${started.FunctionName} started ${started.DurableExecutionName}`);
 *   return undefined;
 * });
 * ```
 */
export interface StartedExecution {
  DurableExecutionArn: string;
  DurableExecutionName: string;
  FunctionName: string;
  /** ARN of the parent execution when this one was started by a chained invoke. */
  ParentExecutionArn?: string;
}

/**
 * Watches the executions a service starts: called once per new execution, before its first
 * event; the observer it returns (if any) is attached to that execution.
 *
 * @example
 * ```ts
 * const watcher: ExecutionWatcher = (started) =>
 *   started.ParentExecutionArn === undefined
 *     ? { onEvent: (event) => console.log(event.EventType) }
 *     : undefined;
 * service.watchExecutions(watcher);
 * ```
 */
export type ExecutionWatcher = (execution: StartedExecution) => ExecutionObserver | undefined;

/**
 * Internal options of an execution start (not part of the REST surface).
 *
 * @example
 * ```ts
 * const options: StartExecutionOptions = { observer: { onEvent: (event) => console.log(event.EventType) } };
 * ```
 */
export interface StartExecutionOptions {
  /** Run this function instead of looking `FunctionName` up. */
  handler?: RegisteredFunction;
  /** Functions visible to chained invokes of this execution (checked before the service registry). */
  functions?: FunctionRegistry;
  /** Crash simulation. */
  faultInjection?: FaultInjection;
  /** Observer attached before the first event is recorded. */
  observer?: ExecutionObserver;
}
