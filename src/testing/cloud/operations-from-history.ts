/**
 * Rebuilds operation records from an execution's history events, one
 * event at a time, so a runner that only sees the history (the cloud runner) shows the same
 * operations, statuses and details as the embedded service keeps for the local runner.
 */
import type { ErrorObject, Operation, OperationStatus, OperationType } from "../../types/wire";
import { copyError, type Event, type EventType } from "../service/state/history-event";

/** Operation type of each event family (the event type's prefix). */
const FAMILIES: readonly (readonly [prefix: string, type: OperationType])[] = [
  ["ChainedInvoke", "CHAINED_INVOKE"],
  ["Execution", "EXECUTION"],
  ["Context", "CONTEXT"],
  ["Callback", "CALLBACK"],
  ["Wait", "WAIT"],
  ["Step", "STEP"],
];

/** Status an operation ends in, by the suffix of its end event. */
const END_STATUS: Readonly<Record<string, OperationStatus>> = {
  Succeeded: "SUCCEEDED",
  Failed: "FAILED",
  TimedOut: "TIMED_OUT",
  Stopped: "STOPPED",
  Cancelled: "CANCELLED",
};

/** The operation type an event belongs to, or `undefined` for events of no operation. *
 * @example
 * ```ts
 * operationTypeOfEvent("StepFailed"); // "STEP"
 * operationTypeOfEvent("InvocationCompleted"); // undefined
 * ```
 */
export function operationTypeOfEvent(eventType: EventType | undefined): OperationType | undefined {
  if (eventType === undefined || eventType === "InvocationCompleted") return undefined;
  return FAMILIES.find(([prefix]) => eventType.startsWith(prefix))?.[1];
}

/**
 * Folds history events into operation records. Each record is created by the first event of
 * its id and updated in place by later ones, so whoever holds a record sees it progress.
 *
 * @example
 * ```ts
 * const fold = new OperationsFromHistory();
 * for (const event of events) {
 *   const op = fold.apply(event);
 *   if (op) view.upsert(op);
 * }
 * ```
 */
export class OperationsFromHistory {
  private readonly operations = new Map<string, Operation>();

  /** Applies one event; returns the operation it belongs to, or `undefined` when none. */
  apply(event: Event): Operation | undefined {
    const type = operationTypeOfEvent(event.EventType);
    if (type === undefined || event.Id === undefined) return undefined;
    let op = this.operations.get(event.Id);
    if (!op) {
      op = createOperation(event, type);
      this.operations.set(event.Id, op);
    }
    applyEvent(op, event);
    return op;
  }
}

function createOperation(event: Event, type: OperationType): Operation {
  const op: Partial<Operation> = { Id: event.Id };
  if (event.ParentId !== undefined) op.ParentId = event.ParentId;
  if (event.Name !== undefined) op.Name = event.Name;
  op.Type = type;
  if (event.SubType !== undefined) op.SubType = event.SubType;
  op.Status = "STARTED";
  const at = timeOf(event);
  if (at) op.StartTimestamp = at;
  return op as Operation;
}

function applyEvent(op: Operation, event: Event): void {
  switch (event.EventType) {
    case "ExecutionStarted": {
      const input = event.ExecutionStartedDetails?.Input?.Payload;
      op.ExecutionDetails = input === undefined ? {} : { InputPayload: input };
      return;
    }
    case "StepStarted":
    case "ContextStarted":
      op.Status = "STARTED";
      return;
    case "StepSucceeded":
    case "StepFailed":
      return applyStepOutcome(op, event);
    case "ContextSucceeded":
      op.ContextDetails = withResult(op.ContextDetails, event.ContextSucceededDetails?.Result);
      return end(op, event);
    case "ContextFailed":
      op.ContextDetails = withError(op.ContextDetails, event.ContextFailedDetails?.Error);
      return end(op, event);
    case "WaitStarted": {
      const due = event.WaitStartedDetails?.ScheduledEndTimestamp;
      op.WaitDetails = due ? { ScheduledEndTimestamp: new Date(due.getTime()) } : {};
      return;
    }
    case "CallbackStarted": {
      const id = event.CallbackStartedDetails?.CallbackId;
      op.CallbackDetails = id === undefined ? {} : { CallbackId: id };
      return;
    }
    case "CallbackSucceeded":
      op.CallbackDetails = withResult(op.CallbackDetails, event.CallbackSucceededDetails?.Result);
      return end(op, event);
    case "CallbackFailed":
      op.CallbackDetails = withError(op.CallbackDetails, event.CallbackFailedDetails?.Error);
      return end(op, event);
    case "CallbackTimedOut":
      op.CallbackDetails = withError(op.CallbackDetails, event.CallbackTimedOutDetails?.Error);
      return end(op, event);
    case "ChainedInvokeSucceeded": {
      const result = event.ChainedInvokeSucceededDetails?.Result?.Payload;
      op.ChainedInvokeDetails = result === undefined ? {} : { Result: result };
      return end(op, event);
    }
    case "ChainedInvokeFailed":
    case "ChainedInvokeTimedOut":
    case "ChainedInvokeStopped": {
      const error = errorMemberOf(event)?.Payload;
      op.ChainedInvokeDetails = error === undefined ? {} : { Error: copyError(error) };
      return end(op, event);
    }
    default:
      // Execution end events, WaitSucceeded, WaitCancelled: only the status and end time move.
      if (endStatusOf(event) !== undefined) end(op, event);
  }
}

/** A step attempt ended: for good, or with a retry scheduled (`NextAttemptDelaySeconds`). */
function applyStepOutcome(op: Operation, event: Event): void {
  const succeeded = event.EventType === "StepSucceeded";
  const retry = succeeded
    ? event.StepSucceededDetails?.RetryDetails
    : event.StepFailedDetails?.RetryDetails;
  const details = (op.StepDetails ??= {});
  if (retry?.CurrentAttempt !== undefined) details.Attempt = retry.CurrentAttempt;
  if (succeeded) {
    const result = event.StepSucceededDetails?.Result?.Payload;
    if (result === undefined) delete details.Result;
    else details.Result = result;
    delete details.Error;
  } else {
    details.Error = copyError(event.StepFailedDetails?.Error?.Payload ?? {});
    delete details.Result;
  }
  const at = timeOf(event);
  if (retry?.NextAttemptDelaySeconds !== undefined) {
    if (at)
      details.NextAttemptTimestamp = new Date(at.getTime() + retry.NextAttemptDelaySeconds * 1000);
    op.Status = "PENDING";
    return;
  }
  end(op, event);
}

function withResult<T extends { Result?: string }>(
  details: T | undefined,
  result: { Payload?: string } | undefined,
): T {
  const next = { ...(details ?? {}) } as T;
  if (result?.Payload !== undefined) next.Result = result.Payload;
  return next;
}

function withError<T extends { Error?: ErrorObject }>(
  details: T | undefined,
  error: { Payload?: ErrorObject } | undefined,
): T {
  return { ...(details ?? {}), Error: copyError(error?.Payload ?? {}) } as T;
}

/** The error an event carries in its details (`<EventType>Details.Error`), if any. *
 * @example
 * ```ts
 * errorMemberOf(event)?.Payload?.ErrorMessage; // e.g. "card declined"
 * ```
 */
export function errorMemberOf(event: Event): { Payload?: ErrorObject } | undefined {
  const details = (event as Record<string, unknown>)[`${event.EventType}Details`] as
    { Error?: { Payload?: ErrorObject } } | undefined;
  return details?.Error;
}

/** The status an end event moves its operation to; `undefined` for other events. *
 * @example
 * ```ts
 * endStatusOf({ EventType: "WaitCancelled" }); // "CANCELLED"
 * endStatusOf({ EventType: "StepStarted" }); // undefined
 * ```
 */
export function endStatusOf(event: Event): OperationStatus | undefined {
  const type = event.EventType ?? "";
  const suffix = Object.keys(END_STATUS).find((s) => type.endsWith(s));
  return suffix === undefined ? undefined : END_STATUS[suffix];
}

function end(op: Operation, event: Event): void {
  const status = endStatusOf(event);
  if (status !== undefined) op.Status = status;
  const at = timeOf(event);
  if (at) op.EndTimestamp = at;
}

function timeOf(event: Event): Date | undefined {
  return event.EventTimestamp ? new Date(event.EventTimestamp.getTime()) : undefined;
}
