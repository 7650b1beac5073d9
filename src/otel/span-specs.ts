import type { Link } from "@opentelemetry/api";
import type { AttemptEndInfo, InvocationEndInfo } from "../plugins/plugin-types";
import {
  DurableAttributes,
  ERROR_STATUSES,
  errorTypeOf,
  operationAttributes,
  operationSpanName,
} from "./attributes";
import type { InvocationRecord, SeenOperation } from "./invocation-record";
import type { SpanSpec } from "./span-emitter";

/** Where a span goes: its trace, its own id and its parent's. */
export interface Placement {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  links?: Link[];
}

/** The span of the invocation itself. */
export function invocationSpan(
  record: InvocationRecord,
  end: InvocationEndInfo,
  now: Date,
  placement: Placement & { ambient?: InvocationRecord["ambient"] },
): SpanSpec {
  const failed = end.status === "FAILED" || end.status === "RETRYING";
  return {
    name: "invocation",
    ...placement,
    startTime: record.start,
    endTime: now,
    attributes: {
      [DurableAttributes.EXECUTION_ARN]: record.executionArn,
      [DurableAttributes.INVOCATION_REQUEST_ID]: record.requestId,
      [DurableAttributes.INVOCATION_FIRST]: record.isFirstInvocation,
      [DurableAttributes.INVOCATION_STATUS]: end.status,
      [DurableAttributes.REPLAY]: !record.isFirstInvocation,
      ...(failed && end.executionError
        ? { [DurableAttributes.ERROR_TYPE]: errorTypeOf(end.executionError) }
        : {}),
    },
    ...(failed && end.executionError
      ? { error: { message: end.executionError.message, exception: end.executionError } }
      : {}),
  };
}

/**
 * The span of one operation. `start`/`end` bound it; when it started in an earlier invocation
 * than the one that ends it, a `durable.resumed` event marks where code ran again (before it,
 * the span covers time in which no code ran, e.g. a day-long wait).
 */
export function operationSpan(
  record: InvocationRecord,
  seen: SeenOperation,
  placement: Placement,
  start: Date,
  end: Date,
  extra: SpanSpec["attributes"] = {},
): SpanSpec {
  const { info } = seen;
  const events: NonNullable<SpanSpec["events"]> = [];
  if (seen.resumed) {
    // Clamped into the span: service and function clocks may differ (e.g. a virtual clock).
    const resumedAt = record.start < start ? start : record.start > end ? end : record.start;
    events.push({
      name: "durable.resumed",
      time: resumedAt,
      attributes: { [DurableAttributes.INVOCATION_REQUEST_ID]: record.requestId },
    });
  }
  const failed = info.status !== undefined && ERROR_STATUSES.has(info.status);
  return {
    name: operationSpanName(info),
    ...placement,
    startTime: start,
    endTime: end,
    attributes: {
      ...operationAttributes(record.executionArn, info),
      [DurableAttributes.REPLAY]: seen.resumed,
      ...extra,
    },
    events,
    ...(failed ? { error: { message: info.error?.message ?? info.status } } : {}),
  };
}

/** The span of one step or check attempt. */
export function attemptSpan(
  record: InvocationRecord,
  attempt: AttemptEndInfo,
  placement: Placement,
): SpanSpec {
  const failed = attempt.outcome === "FAILED";
  const { status: _status, ...identity } = attempt;
  void _status;
  return {
    name: `${operationSpanName(attempt)} attempt ${attempt.attempt}`,
    ...placement,
    startTime: attempt.startTimestamp,
    endTime: attempt.endTimestamp,
    attributes: {
      ...operationAttributes(record.executionArn, identity),
      [DurableAttributes.ATTEMPT]: attempt.attempt,
      [DurableAttributes.ATTEMPT_OUTCOME]: attempt.outcome,
      [DurableAttributes.REPLAY]: false,
    },
    ...(failed
      ? {
          error: {
            message: attempt.error?.message ?? "attempt failed",
            ...(attempt.error ? { exception: attempt.error } : {}),
          },
        }
      : {}),
  };
}

/** Start and end of an operation as recorded by the service, else as this invocation saw it. */
export function operationBounds(seen: SeenOperation, now: Date): { start: Date; end: Date } {
  const start = seen.info.startTimestamp ?? seen.seenAt;
  const end = seen.ended ? (seen.ended.endTimestamp ?? seen.endedAt ?? now) : now;
  return { start, end };
}
