import type { Operation, WireOperation, WireTimestamp } from "../types/wire";

/** Converts any wire timestamp encoding to a `Date`; unparseable values become `undefined`. */
export function toDate(value: WireTimestamp | null | undefined): Date | undefined {
  if (value === undefined || value === null) return undefined;
  const date = value instanceof Date ? new Date(value.getTime()) : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Normalises the timestamps of an operation received from a transport. */
export function normalizeOperation(op: WireOperation): Operation {
  // Object.assign, not a spread: a literal that spreads `op` and adds keys it lacks takes V8's
  // slow path (about 1 µs per operation), and every operation of a replay passes through here.
  return Object.assign({}, op, {
    StartTimestamp: toDate(op.StartTimestamp),
    EndTimestamp: toDate(op.EndTimestamp),
    StepDetails: op.StepDetails
      ? Object.assign({}, op.StepDetails, {
          NextAttemptTimestamp: toDate(op.StepDetails.NextAttemptTimestamp),
        })
      : undefined,
    WaitDetails: op.WaitDetails
      ? { ScheduledEndTimestamp: toDate(op.WaitDetails.ScheduledEndTimestamp) }
      : undefined,
  });
}
