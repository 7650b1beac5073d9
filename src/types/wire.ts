/**
 * Wire types of the Lambda durable execution API: operations, updates and the
 * request/response shapes of `CheckpointDurableExecution` and
 * `GetDurableExecutionState`. Field names are PascalCase as on the wire.
 */

/**
 * Kind of a durable operation.
 *
 * @example
 * ```ts
 * const waits = operations.filter((op) => op.Type === OperationType.WAIT);
 * ```
 */
export const OperationType = {
  CALLBACK: "CALLBACK",
  CHAINED_INVOKE: "CHAINED_INVOKE",
  CONTEXT: "CONTEXT",
  EXECUTION: "EXECUTION",
  STEP: "STEP",
  WAIT: "WAIT",
} as const;
/**
 * Kind of a durable operation.
 *
 * @example
 * ```ts
 * const waits = operations.filter((op) => op.Type === OperationType.WAIT);
 * ```
 */
export type OperationType = (typeof OperationType)[keyof typeof OperationType];

/**
 * Lifecycle status of a durable operation.
 *
 * @example
 * ```ts
 * const running = operations.filter((op) => op.Status === OperationStatus.STARTED);
 * ```
 */
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
/**
 * Lifecycle status of a durable operation.
 *
 * @example
 * ```ts
 * const running = operations.filter((op) => op.Status === OperationStatus.STARTED);
 * ```
 */
export type OperationStatus = (typeof OperationStatus)[keyof typeof OperationStatus];

/**
 * Action carried by an operation update.
 *
 * @example
 * ```ts
 * const retries = updates.filter((u) => u.Action === OperationAction.RETRY);
 * ```
 */
export const OperationAction = {
  CANCEL: "CANCEL",
  FAIL: "FAIL",
  RETRY: "RETRY",
  START: "START",
  SUCCEED: "SUCCEED",
} as const;
/**
 * Action carried by an operation update.
 *
 * @example
 * ```ts
 * const retries = updates.filter((u) => u.Action === OperationAction.RETRY);
 * ```
 */
export type OperationAction = (typeof OperationAction)[keyof typeof OperationAction];

/**
 * A timestamp as it may arrive from a transport: a `Date`, epoch milliseconds or an ISO string.
 *
 * @example
 * ```ts
 * const asDate = (t: WireTimestamp) => (t instanceof Date ? t : new Date(t));
 * ```
 */
export type WireTimestamp = Date | string | number;

/**
 * Serialized error record stored in checkpoints and returned in outputs.
 *
 * @example
 * ```ts
 * await approval.sendCallbackFailure({ ErrorType: "Rejected", ErrorMessage: "budget exceeded" });
 * ```
 */
export interface ErrorObject {
  ErrorMessage?: string | undefined;
  ErrorType?: string | undefined;
  ErrorData?: string | undefined;
  StackTrace?: string[] | undefined;
}

/**
 * Details of the EXECUTION operation.
 *
 * @example
 * ```ts
 * const execution = operations.find((op) => op.Type === "EXECUTION");
 * const input = JSON.parse(execution?.ExecutionDetails?.InputPayload ?? "{}");
 * ```
 */
export interface ExecutionDetails {
  InputPayload?: string | undefined;
}

/**
 * Details of a CONTEXT operation.
 *
 * @example
 * ```ts
 * const child = operations.find((op) => op.Type === "CONTEXT" && op.Name === "ship");
 * const shipped = child?.ContextDetails?.Result && JSON.parse(child.ContextDetails.Result);
 * ```
 */
export interface ContextDetails {
  ReplayChildren?: boolean | undefined;
  Result?: string | undefined;
  Error?: ErrorObject | undefined;
}

/**
 * Details of a STEP operation, timestamps normalised to `Date`.
 *
 * @example
 * ```ts
 * const step = operations.find((op) => op.Name === "charge");
 * console.log(step?.StepDetails?.Attempt, step?.StepDetails?.Error?.ErrorMessage);
 * ```
 */
export interface StepDetails {
  Attempt?: number | undefined;
  NextAttemptTimestamp?: Date | undefined;
  Result?: string | undefined;
  Error?: ErrorObject | undefined;
}

/**
 * Details of a STEP operation as received on the wire.
 *
 * @example
 * ```ts
 * const details: WireStepDetails = { Attempt: 2, NextAttemptTimestamp: "2025-01-01T00:00:30Z" };
 * ```
 */
export interface WireStepDetails extends Omit<StepDetails, "NextAttemptTimestamp"> {
  NextAttemptTimestamp?: WireTimestamp | undefined;
}

/**
 * Details of a WAIT operation, timestamps normalised to `Date`.
 *
 * @example
 * ```ts
 * const wait = operations.find((op) => op.Type === "WAIT");
 * console.log("ends at", wait?.WaitDetails?.ScheduledEndTimestamp);
 * ```
 */
export interface WaitDetails {
  ScheduledEndTimestamp?: Date | undefined;
}

/**
 * Details of a WAIT operation as received on the wire.
 *
 * @example
 * ```ts
 * const details: WireWaitDetails = { ScheduledEndTimestamp: 1735689660000 };
 * ```
 */
export interface WireWaitDetails {
  ScheduledEndTimestamp?: WireTimestamp | undefined;
}

/**
 * Details of a CALLBACK operation.
 *
 * @example
 * ```ts
 * const callback = operations.find((op) => op.Type === "CALLBACK");
 * console.log(callback?.CallbackDetails?.CallbackId);
 * ```
 */
export interface CallbackDetails {
  CallbackId?: string | undefined;
  Result?: string | undefined;
  Error?: ErrorObject | undefined;
}

/**
 * Details of a CHAINED_INVOKE operation.
 *
 * @example
 * ```ts
 * const invoke = operations.find((op) => op.Type === "CHAINED_INVOKE");
 * const result = invoke?.ChainedInvokeDetails?.Result; // the target's serialized result
 * ```
 */
export interface ChainedInvokeDetails {
  Result?: string | undefined;
  Error?: ErrorObject | undefined;
}

/**
 * A durable operation with timestamps normalised to `Date`.
 *
 * @example
 * ```ts
 * const finishedSteps = operations.filter((op: Operation) => op.Type === "STEP" && op.Status === "SUCCEEDED");
 * ```
 */
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

/**
 * A durable operation as received from a transport (timestamps in any wire encoding).
 *
 * @example
 * ```ts
 * const fromHttp: WireOperation = { Id: "a1", Type: "WAIT", Status: "STARTED", StartTimestamp: 1735689600000 };
 * ```
 */
export interface WireOperation extends Omit<
  Operation,
  "StartTimestamp" | "EndTimestamp" | "StepDetails" | "WaitDetails"
> {
  StartTimestamp?: WireTimestamp | undefined;
  EndTimestamp?: WireTimestamp | undefined;
  StepDetails?: WireStepDetails | undefined;
  WaitDetails?: WireWaitDetails | undefined;
}

/**
 * Options of a CONTEXT update.
 *
 * @example
 * ```ts
 * const update: OperationUpdate = {
 *   Id: id, Type: "CONTEXT", Action: "SUCCEED", Payload: "",
 *   ContextOptions: { ReplayChildren: true },
 * };
 * ```
 */
export interface ContextOptions {
  ReplayChildren?: boolean | undefined;
}

/**
 * Options of a STEP `RETRY` update.
 *
 * @example
 * ```ts
 * const update: OperationUpdate = {
 *   Id: id, Type: "STEP", Action: "RETRY", Error: errorObject,
 *   StepOptions: { NextAttemptDelaySeconds: 30 },
 * };
 * ```
 */
export interface StepOptions {
  NextAttemptDelaySeconds?: number | undefined;
}

/**
 * Options of a WAIT `START` update.
 *
 * @example
 * ```ts
 * const update: OperationUpdate = { Id: id, Type: "WAIT", Action: "START", WaitOptions: { WaitSeconds: 60 } };
 * ```
 */
export interface WaitOptions {
  WaitSeconds?: number | undefined;
}

/**
 * Options of a CALLBACK `START` update.
 *
 * @example
 * ```ts
 * const update: OperationUpdate = {
 *   Id: id, Type: "CALLBACK", Action: "START",
 *   CallbackOptions: { TimeoutSeconds: 3600, HeartbeatTimeoutSeconds: 300 },
 * };
 * ```
 */
export interface CallbackOptions {
  TimeoutSeconds?: number | undefined;
  HeartbeatTimeoutSeconds?: number | undefined;
}

/**
 * Options of a CHAINED_INVOKE `START` update.
 *
 * @example
 * ```ts
 * const update: OperationUpdate = {
 *   Id: id, Type: "CHAINED_INVOKE", Action: "START", Payload: "{}",
 *   ChainedInvokeOptions: { FunctionName: "fraud-check:live" },
 * };
 * ```
 */
export interface ChainedInvokeOptions {
  FunctionName: string | undefined;
  TenantId?: string | undefined;
}

/**
 * One change to one operation, sent in a checkpoint request.
 *
 * @example
 * ```ts
 * const update: OperationUpdate = {
 *   Id: id, Type: "STEP", SubType: "Step", Name: "load", Action: "SUCCEED", Payload: JSON.stringify(order),
 * };
 * ```
 */
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

/**
 * Operations changed since the previous checkpoint response.
 *
 * @example
 * ```ts
 * const state: CheckpointUpdatedExecutionState = { Operations: [callbackWithItsId] };
 * ```
 */
export interface CheckpointUpdatedExecutionState {
  Operations?: WireOperation[] | undefined;
  NextMarker?: string | undefined;
}

/**
 * Request of `CheckpointDurableExecution`.
 *
 * @example
 * ```ts
 * async checkpoint(request: CheckpointDurableExecutionRequest) {
 *   for (const update of request.Updates ?? []) console.log(update.Action, update.Type, update.Name);
 *   return { CheckpointToken: nextToken(), NewExecutionState: { Operations: [] } };
 * }
 * ```
 */
export interface CheckpointDurableExecutionRequest {
  DurableExecutionArn: string | undefined;
  CheckpointToken: string | undefined;
  Updates?: OperationUpdate[] | undefined;
  ClientToken?: string | undefined;
}

/**
 * Response of `CheckpointDurableExecution`.
 *
 * @example
 * ```ts
 * const response: CheckpointDurableExecutionResponse = {
 *   CheckpointToken: "token-2",
 *   NewExecutionState: { Operations: changedOperations },
 * };
 * ```
 */
export interface CheckpointDurableExecutionResponse {
  CheckpointToken?: string | undefined;
  NewExecutionState: CheckpointUpdatedExecutionState | undefined;
}

/**
 * Request of `GetDurableExecutionState`.
 *
 * @example
 * ```ts
 * async getExecutionState(request: GetDurableExecutionStateRequest) {
 *   return { Operations: pages[Number(request.Marker ?? 0)], NextMarker: undefined };
 * }
 * ```
 */
export interface GetDurableExecutionStateRequest {
  DurableExecutionArn: string | undefined;
  CheckpointToken: string | undefined;
  Marker?: string | undefined;
  MaxItems?: number | undefined;
}

/**
 * Response of `GetDurableExecutionState`.
 *
 * @example
 * ```ts
 * const page: GetDurableExecutionStateResponse = { Operations: operations.slice(0, 100), NextMarker: "1" };
 * ```
 */
export interface GetDurableExecutionStateResponse {
  Operations: WireOperation[] | undefined;
  NextMarker?: string | undefined;
}
