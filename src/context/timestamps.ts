import type { Operation, WireOperation, WireTimestamp } from "../types/wire";

/** Converts any wire timestamp encoding to a `Date`; unparseable values become `undefined`. */
export function toDate(value: WireTimestamp | null | undefined): Date | undefined {
  if (value === undefined || value === null) return undefined;
  const date = value instanceof Date ? new Date(value.getTime()) : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Normalises the timestamps of an operation received from a transport. */
export function normalizeOperation(op: WireOperation): Operation {
  const normalized: Operation = {
    ...op,
    StartTimestamp: toDate(op.StartTimestamp),
    EndTimestamp: toDate(op.EndTimestamp),
    StepDetails: op.StepDetails
      ? { ...op.StepDetails, NextAttemptTimestamp: toDate(op.StepDetails.NextAttemptTimestamp) }
      : undefined,
    WaitDetails: op.WaitDetails
      ? { ScheduledEndTimestamp: toDate(op.WaitDetails.ScheduledEndTimestamp) }
      : undefined,
  };
  return normalized;
}
