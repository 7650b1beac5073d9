/**
 * Request and response shapes of the embedded service. Each method of
 * `DurableExecutionService` takes the input of one REST operation of the Lambda durable
 * execution API (PascalCase members as on the wire, timestamps as `Date`) and returns its
 * output, so an HTTP face can map them 1:1.
 */
import type { Context, Handler } from "aws-lambda";
import type { DurableExecutionInvocationOutput } from "../../types/invocation";
import type { ErrorObject, OperationUpdate } from "../../types/wire";
import type { Event } from "./history-event";

/** Status of a durable execution. */
export type ExecutionStatusValue = "RUNNING" | "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "STOPPED";

/** A durable function handler: what `withDurableExecution(...)` returns. */
export type DurableLambdaHandler = (
  event: any,
  context: Context,
) => Promise<DurableExecutionInvocationOutput>;

/** A plain (non-durable) Lambda handler, used as a chained-invoke target. */
export type PlainLambdaHandler = Handler;

/** A function the service can invoke. */
export type RegisteredFunction =
  | { readonly kind: "durable"; readonly handler: DurableLambdaHandler }
  | { readonly kind: "plain"; readonly handler: PlainLambdaHandler };

/** Name → function map used to resolve function names (execution starts, chained invokes). */
export type FunctionRegistry = ReadonlyMap<string, RegisteredFunction>;

/** Input of `startDurableExecution` (the Lambda `Invoke` call of a durable function). */
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

/** Output of `startDurableExecution`. */
export interface StartDurableExecutionResponse {
  DurableExecutionArn: string;
  /** True when an execution with the same name and payload already existed and was returned. */
  AlreadyStarted: boolean;
}

/** Summary of one execution (ListDurableExecutionsByFunction). */
export interface ExecutionSummary {
  DurableExecutionArn: string;
  DurableExecutionName: string;
  FunctionArn: string;
  Status: ExecutionStatusValue;
  StartTimestamp: Date;
  EndTimestamp?: Date;
}

/** Input of `getDurableExecution`. */
export interface GetDurableExecutionRequest {
  DurableExecutionArn: string;
  IncludeExecutionData?: boolean;
}

/** Output of `getDurableExecution`. */
export interface GetDurableExecutionResponse extends ExecutionSummary {
  InputPayload?: string;
  Result?: string;
  Error?: ErrorObject;
  Version: string;
  TraceHeader?: { XAmznTraceId?: string };
  ExecutionDataIncluded: boolean;
  DurableConfig: { RetentionPeriodInDays?: number; ExecutionTimeout?: number; KMSKeyArn?: string };
}

/** Input of `getDurableExecutionHistory`. */
export interface GetDurableExecutionHistoryRequest {
  DurableExecutionArn: string;
  IncludeExecutionData?: boolean;
  MaxItems?: number;
  Marker?: string;
  ReverseOrder?: boolean;
}

/** Output of `getDurableExecutionHistory`. */
export interface GetDurableExecutionHistoryResponse {
  Events: Event[];
  NextMarker?: string;
}

/** Input of `sendDurableExecutionCallbackSuccess`. */
export interface SendDurableExecutionCallbackSuccessRequest {
  CallbackId: string;
  /** The raw result: text, or bytes decoded as UTF-8. Empty or absent stores no result. */
  Result?: string | Uint8Array;
}

/** Input of `sendDurableExecutionCallbackFailure`. */
export interface SendDurableExecutionCallbackFailureRequest {
  CallbackId: string;
  Error?: ErrorObject;
}

/** Input of `sendDurableExecutionCallbackHeartbeat`. */
export interface SendDurableExecutionCallbackHeartbeatRequest {
  CallbackId: string;
}

/** Input of `stopDurableExecution`. */
export interface StopDurableExecutionRequest {
  DurableExecutionArn: string;
  Error?: ErrorObject;
}

/** Output of `stopDurableExecution`. */
export interface StopDurableExecutionResponse {
  StopTimestamp: Date;
}

/** Input of `listDurableExecutionsByFunction`. */
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

/** Output of `listDurableExecutionsByFunction`. */
export interface ListDurableExecutionsByFunctionResponse {
  DurableExecutions: ExecutionSummary[];
  NextMarker?: string;
}

/** Describes one checkpoint call, for fault injection. */
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
 */
export interface FaultInjection {
  /** Crash right after the N-th (1-based) checkpoint call of an affected invocation. */
  crashAfterCheckpoint?: number;
  /** Which invocations (1-based) `crashAfterCheckpoint` affects; default `[1]`. */
  invocations?: number[];
  /** General rule: crash after this checkpoint call when it returns true. */
  shouldCrash?: (call: CheckpointCallInfo) => boolean;
}

/** Observer of one execution's changes (used by the test runner). */
export interface ExecutionObserver {
  /** An operation was created or changed (the record is the service's own: read, do not mutate). */
  onOperation?(operation: import("../../types/wire").Operation): void;
  /** A history event was recorded. */
  onEvent?(event: Event): void;
  /** A chained invoke named a function that is not registered. */
  onUnknownFunction?(functionName: string): void;
  /** The execution is running but nothing is scheduled: only an external call can move it. */
  onBlocked?(): void;
  /** An invocation returned something that is not a durable invocation output. */
  onInvalidOutput?(message: string): void;
}

/** Internal options of an execution start (not part of the REST surface). */
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
