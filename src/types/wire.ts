/**
 * Wire types of the Lambda durable execution API: operations, updates and the
 * request/response shapes of `CheckpointDurableExecution` and
 * `GetDurableExecutionState`. Field names are PascalCase as on the wire.
 */

/** Kind of a durable operation. */
export const OperationType = {
  CALLBACK: "CALLBACK",
  CHAINED_INVOKE: "CHAINED_INVOKE",
  CONTEXT: "CONTEXT",
  EXECUTION: "EXECUTION",
  STEP: "STEP",
  WAIT: "WAIT",
} as const;
/** Kind of a durable operation. */
export type OperationType = (typeof OperationType)[keyof typeof OperationType];

/** Lifecycle status of a durable operation. */
export const OperationStatus = {
  CANCELLED: "CANCELLED",
  FAILED: "FAILED",
  PENDING: "PENDING",
  READY: "READY",
  STARTED: "STARTED",
  STOPPED: "STOPPED",
  SUCCEEDED: "SUCCEEDED",
  TIMED_OUT: "TIMED_OUT",
} as const;
/** Lifecycle status of a durable operation. */
export type OperationStatus = (typeof OperationStatus)[keyof typeof OperationStatus];

/** Action carried by an operation update. */
export const OperationAction = {
  CANCEL: "CANCEL",
  FAIL: "FAIL",
  RETRY: "RETRY",
  START: "START",
  SUCCEED: "SUCCEED",
} as const;
/** Action carried by an operation update. */
export type OperationAction = (typeof OperationAction)[keyof typeof OperationAction];

/** A timestamp as it may arrive from a transport: a `Date`, epoch milliseconds or an ISO string. */
export type WireTimestamp = Date | string | number;

/** Serialized error record stored in checkpoints and returned in outputs. */
export interface ErrorObject {
  ErrorMessage?: string | undefined;
  ErrorType?: string | undefined;
  ErrorData?: string | undefined;
  StackTrace?: string[] | undefined;
}

/** Details of the EXECUTION operation. */
export interface ExecutionDetails {
  InputPayload?: string | undefined;
}

/** Details of a CONTEXT operation. */
export interface ContextDetails {
  ReplayChildren?: boolean | undefined;
  Result?: string | undefined;
  Error?: ErrorObject | undefined;
}

/** Details of a STEP operation, timestamps normalised to `Date`. */
export interface StepDetails {
  Attempt?: number | undefined;
  NextAttemptTimestamp?: Date | undefined;
  Result?: string | undefined;
  Error?: ErrorObject | undefined;
}

/** Details of a STEP operation as received on the wire. */
export interface WireStepDetails extends Omit<StepDetails, "NextAttemptTimestamp"> {
  NextAttemptTimestamp?: WireTimestamp | undefined;
}

/** Details of a WAIT operation, timestamps normalised to `Date`. */
export interface WaitDetails {
  ScheduledEndTimestamp?: Date | undefined;
}

/** Details of a WAIT operation as received on the wire. */
export interface WireWaitDetails {
  ScheduledEndTimestamp?: WireTimestamp | undefined;
}

/** Details of a CALLBACK operation. */
export interface CallbackDetails {
  CallbackId?: string | undefined;
  Result?: string | undefined;
  Error?: ErrorObject | undefined;
}

/** Details of a CHAINED_INVOKE operation. */
export interface ChainedInvokeDetails {
  Result?: string | undefined;
  Error?: ErrorObject | undefined;
}

/** A durable operation with timestamps normalised to `Date`. */
export interface Operation {
  Id: string;
  ParentId?: string | undefined;
  Name?: string | undefined;
  Type: OperationType;
  SubType?: string | undefined;
  StartTimestamp?: Date | undefined;
  EndTimestamp?: Date | undefined;
  Status: OperationStatus;
  ExecutionDetails?: ExecutionDetails | undefined;
  ContextDetails?: ContextDetails | undefined;
  StepDetails?: StepDetails | undefined;
  WaitDetails?: WaitDetails | undefined;
  CallbackDetails?: CallbackDetails | undefined;
  ChainedInvokeDetails?: ChainedInvokeDetails | undefined;
}

/** A durable operation as received from a transport (timestamps in any wire encoding). */
export interface WireOperation extends Omit<
  Operation,
  "StartTimestamp" | "EndTimestamp" | "StepDetails" | "WaitDetails"
> {
  StartTimestamp?: WireTimestamp | undefined;
  EndTimestamp?: WireTimestamp | undefined;
  StepDetails?: WireStepDetails | undefined;
  WaitDetails?: WireWaitDetails | undefined;
}

/** Options of a CONTEXT update. */
export interface ContextOptions {
  ReplayChildren?: boolean | undefined;
}

/** Options of a STEP `RETRY` update. */
export interface StepOptions {
  NextAttemptDelaySeconds?: number | undefined;
}

/** Options of a WAIT `START` update. */
export interface WaitOptions {
  WaitSeconds?: number | undefined;
}

/** Options of a CALLBACK `START` update. */
export interface CallbackOptions {
  TimeoutSeconds?: number | undefined;
  HeartbeatTimeoutSeconds?: number | undefined;
}

/** Options of a CHAINED_INVOKE `START` update. */
export interface ChainedInvokeOptions {
  FunctionName: string | undefined;
  TenantId?: string | undefined;
}

/** One change to one operation, sent in a checkpoint request. */
export interface OperationUpdate {
  Id: string | undefined;
  ParentId?: string | undefined;
  Name?: string | undefined;
  Type: OperationType | undefined;
  SubType?: string | undefined;
  Action: OperationAction | undefined;
  Payload?: string | undefined;
  Error?: ErrorObject | undefined;
  ContextOptions?: ContextOptions | undefined;
  StepOptions?: StepOptions | undefined;
  WaitOptions?: WaitOptions | undefined;
  CallbackOptions?: CallbackOptions | undefined;
  ChainedInvokeOptions?: ChainedInvokeOptions | undefined;
}

/** Operations changed since the previous checkpoint response. */
export interface CheckpointUpdatedExecutionState {
  Operations?: WireOperation[] | undefined;
  NextMarker?: string | undefined;
}

/** Request of `CheckpointDurableExecution`. */
export interface CheckpointDurableExecutionRequest {
  DurableExecutionArn: string | undefined;
  CheckpointToken: string | undefined;
  Updates?: OperationUpdate[] | undefined;
  ClientToken?: string | undefined;
}

/** Response of `CheckpointDurableExecution`. */
export interface CheckpointDurableExecutionResponse {
  CheckpointToken?: string | undefined;
  NewExecutionState: CheckpointUpdatedExecutionState | undefined;
}

/** Request of `GetDurableExecutionState`. */
export interface GetDurableExecutionStateRequest {
  DurableExecutionArn: string | undefined;
  CheckpointToken: string | undefined;
  Marker?: string | undefined;
  MaxItems?: number | undefined;
}

/** Response of `GetDurableExecutionState`. */
export interface GetDurableExecutionStateResponse {
  Operations: WireOperation[] | undefined;
  NextMarker?: string | undefined;
}
