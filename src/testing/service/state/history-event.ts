/**
 * Execution history events in the shape of the Lambda service (and of `Event` in
 * `@aws-sdk/client-lambda`): one details member named after the event type.
 */
import type {
  Event as LambdaEvent,
  EventError as LambdaEventError,
  EventResult,
  EventType as LambdaEventType,
  RetryDetails as LambdaRetryDetails,
} from "@aws-sdk/client-lambda";
import type { ErrorObject } from "../../../types/wire";

/**
 * Every history event type the service records (the `EventType` of `@aws-sdk/client-lambda`).
 *
 * @example
 * ```ts
 * const type: EventType = "WaitSucceeded";
 * const waits = result.getHistoryEvents().filter((e) => e.EventType === type);
 * ```
 */
export type EventType = LambdaEventType;

/**
 * A payload carried by an event: `EventInput` and `EventResult` of `@aws-sdk/client-lambda`
 * have this same shape.
 *
 * @example
 * ```ts
 * const started = result.getHistoryEvents().find((e) => e.EventType === "ExecutionStarted");
 * ```
 */
export type EventPayload = EventResult;

/**
 * An error carried by an event (`EventError` of `@aws-sdk/client-lambda`).
 *
 * @example
 * ```ts
 * const failed = result.getHistoryEvents().find((e) => e.EventType === "StepFailed");
 * ```
 */
export type EventError = LambdaEventError;

/**
 * Attempt information of step events (`RetryDetails` of `@aws-sdk/client-lambda`).
 *
 * @example
 * ```ts
 * const retried = result.getHistoryEvents().find((e) => e.EventType === "StepFailed");
 * ```
 */
export type RetryDetails = LambdaRetryDetails;

/**
 * One entry of an execution's history: the `Event` type of `@aws-sdk/client-lambda`.
 *
 * @example
 * ```ts
 * const events: Event[] = result.getHistoryEvents();
 * console.log(events.map((e) => `${e.EventType} ${e.Name ?? ""}`));
 * ```
 */
export type Event = LambdaEvent;

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
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  // for…in over plain records: no entry arrays allocated (envelopes copy thousands of these)
  for (const k in source) {
    const v = source[k];
    if (v !== undefined && Object.prototype.hasOwnProperty.call(source, k)) out[k] = deepCopy(v);
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
