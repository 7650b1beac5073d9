/**
 * Execution history events in the shape of the Lambda service (and of `Event` in
 * `@aws-sdk/client-lambda`): one details member named after the event type.
 */
import type { ErrorObject } from "../../types/wire";

/** Every history event type the service records. */
export type EventType =
  | "ExecutionStarted"
  | "ExecutionSucceeded"
  | "ExecutionFailed"
  | "ExecutionTimedOut"
  | "ExecutionStopped"
  | "ContextStarted"
  | "ContextSucceeded"
  | "ContextFailed"
  | "WaitStarted"
  | "WaitSucceeded"
  | "WaitCancelled"
  | "StepStarted"
  | "StepSucceeded"
  | "StepFailed"
  | "ChainedInvokeStarted"
  | "ChainedInvokeSucceeded"
  | "ChainedInvokeFailed"
  | "ChainedInvokeTimedOut"
  | "ChainedInvokeStopped"
  | "CallbackStarted"
  | "CallbackSucceeded"
  | "CallbackFailed"
  | "CallbackTimedOut"
  | "InvocationCompleted";

/** A payload carried by an event (input or result). */
export interface EventPayload {
  Payload?: string;
  Truncated?: boolean;
}

/** An error carried by an event. */
export interface EventError {
  Payload?: ErrorObject;
  Truncated?: boolean;
}

/** Attempt information of step events. */
export interface RetryDetails {
  CurrentAttempt?: number;
  NextAttemptDelaySeconds?: number;
}

/** One entry of an execution's history. */
export interface Event {
  EventType?: EventType;
  SubType?: string;
  EventId?: number;
  Id?: string;
  Name?: string;
  EventTimestamp?: Date;
  ParentId?: string;
  ExecutionStartedDetails?: { Input?: EventPayload; ExecutionTimeout?: number };
  ExecutionSucceededDetails?: { Result?: EventPayload };
  ExecutionFailedDetails?: { Error?: EventError };
  ExecutionTimedOutDetails?: { Error?: EventError };
  ExecutionStoppedDetails?: { Error?: EventError };
  ContextStartedDetails?: Record<string, never>;
  ContextSucceededDetails?: { Result?: EventPayload };
  ContextFailedDetails?: { Error?: EventError };
  WaitStartedDetails?: { Duration?: number; ScheduledEndTimestamp?: Date };
  WaitSucceededDetails?: { Duration?: number };
  WaitCancelledDetails?: { Error?: EventError };
  StepStartedDetails?: Record<string, never>;
  StepSucceededDetails?: { Result?: EventPayload; RetryDetails?: RetryDetails };
  StepFailedDetails?: { Error?: EventError; RetryDetails?: RetryDetails };
  ChainedInvokeStartedDetails?: {
    FunctionName?: string;
    TenantId?: string;
    Input?: EventPayload;
    ExecutedVersion?: string;
    DurableExecutionArn?: string;
  };
  ChainedInvokeSucceededDetails?: { Result?: EventPayload };
  ChainedInvokeFailedDetails?: { Error?: EventError };
  ChainedInvokeTimedOutDetails?: { Error?: EventError };
  ChainedInvokeStoppedDetails?: { Error?: EventError };
  CallbackStartedDetails?: { CallbackId?: string; Timeout?: number; HeartbeatTimeout?: number };
  CallbackSucceededDetails?: { Result?: EventPayload };
  CallbackFailedDetails?: { Error?: EventError };
  CallbackTimedOutDetails?: { Error?: EventError };
  InvocationCompletedDetails?: {
    StartTimestamp?: Date;
    EndTimestamp?: Date;
    RequestId?: string;
    Error?: EventError;
  };
}

/** Builds an `EventPayload`, leaving out `Payload` when absent. */
export function payloadOf(payload: string | undefined): EventPayload {
  return payload === undefined ? {} : { Payload: payload };
}

/** Builds an `EventError`, leaving out `Payload` when absent. */
export function errorOf(error: ErrorObject | undefined): EventError {
  return error === undefined ? {} : { Payload: copyError(error) };
}

/** Deep copy of an ErrorObject (only defined members are kept). */
export function copyError(error: ErrorObject): ErrorObject {
  const out: ErrorObject = {};
  if (error.ErrorType !== undefined) out.ErrorType = error.ErrorType;
  if (error.ErrorMessage !== undefined) out.ErrorMessage = error.ErrorMessage;
  if (error.ErrorData !== undefined) out.ErrorData = error.ErrorData;
  if (error.StackTrace !== undefined) out.StackTrace = [...error.StackTrace];
  return out;
}

/** Deep copy of an event (dates are copied too). */
export function copyEvent(event: Event): Event {
  return deepCopy(event);
}

/** Deep copy of a plain JSON-like value that may contain `Date`s. */
export function deepCopy<T>(value: T): T {
  if (value === null || typeof value !== "object") return value;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (Array.isArray(value)) return value.map((v) => deepCopy(v)) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (v !== undefined) out[k] = deepCopy(v);
  }
  return out as T;
}

/** Copy of `event` with every `Payload` inside `Input`, `Result` and `Error` members removed. */
export function withoutExecutionData(event: Event): Event {
  const copy = copyEvent(event) as Record<string, unknown>;
  for (const [key, details] of Object.entries(copy)) {
    if (!key.endsWith("Details") || typeof details !== "object" || details === null) continue;
    for (const member of ["Input", "Result", "Error"]) {
      const inner = (details as Record<string, unknown>)[member];
      if (inner && typeof inner === "object") delete (inner as Record<string, unknown>).Payload;
    }
  }
  return copy as Event;
}
