/**
 * Helpers that move an operation forward and write the matching history event; shared by
 * the checkpoint update logic and the service-driven transitions (timers, callbacks, invokes).
 */
import type { Operation, OperationStatus } from "../../../types/wire";
import type { ExecutionRecord } from "./execution-record";
import type { Event } from "./history-event";

/** Builds the common members of an operation's history event. */
function operationEvent(
  op: Operation,
  eventType: Event["EventType"],
  timestamp: Date,
): Omit<Event, "EventId"> {
  const event: Omit<Event, "EventId"> = { EventType: eventType };
  if (op.SubType !== undefined) event.SubType = op.SubType;
  event.Id = op.Id;
  if (op.Name !== undefined) event.Name = op.Name;
  event.EventTimestamp = timestamp;
  if (op.ParentId !== undefined) event.ParentId = op.ParentId;
  return event;
}

/** Records an operation event whose details member is named after `eventType`. */
export function recordOperationEvent(
  exec: ExecutionRecord,
  op: Operation,
  eventType: NonNullable<Event["EventType"]>,
  now: Date,
  details: object,
): void {
  const event = operationEvent(op, eventType, now) as Record<string, unknown>;
  event[`${eventType}Details`] = details;
  exec.record(event as Omit<Event, "EventId">);
}

/** Moves an operation to a final `status` ending at `now`. */
export function endOperation(
  exec: ExecutionRecord,
  op: Operation,
  status: OperationStatus,
  now: Date,
): void {
  exec.setStatus(op, status);
  op.EndTimestamp = now;
}
