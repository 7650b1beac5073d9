import type { InvocationEndInfo, OperationInfo } from "../plugins/plugin-types";
import { durableSpanId, executionTraceId, invocationTraceId } from "./ids";
import type { InvocationRecord } from "./invocation-record";
import { spanContextOf, type SpanSpec } from "./span-emitter";
import { attemptSpan, invocationSpan, operationBounds, operationSpan } from "./span-specs";

/**
 * Invocation-rooted layout: each invocation is its own short trace (nested under the ambient
 * span, e.g. the Lambda layer's, when there is one), linked to the execution's trace. It holds
 * the operations this invocation ran or finished, clipped to the invocation's time; an
 * operation that goes on after the invocation ends is marked `durable.operation.continues`.
 */
export function invocationLayout(
  record: InvocationRecord,
  end: InvocationEndInfo,
  now: Date,
): SpanSpec[] {
  const arn = record.executionArn;
  const traceId = record.ambient?.traceId ?? invocationTraceId(arn, record.requestId);
  const invocationSpanId = durableSpanId(arn, "invocation", record.requestId);
  const spanIdOf = (id: string) => durableSpanId(arn, "invocation", record.requestId, "op", id);
  const executionTrace = executionTraceId(arn);
  const parentOf = (info: OperationInfo): string => {
    let parentId = info.parentId;
    while (parentId && !record.operations.has(parentId)) {
      parentId = end.operations[parentId]?.parentId;
    }
    return parentId ? spanIdOf(parentId) : invocationSpanId;
  };
  const specs: SpanSpec[] = [
    invocationSpan(record, end, now, {
      traceId,
      spanId: invocationSpanId,
      ...(record.ambient ? { ambient: record.ambient } : {}),
      links: [
        {
          context: spanContextOf(executionTrace, durableSpanId(arn, "execution")),
          attributes: { "durable.link": "execution" },
        },
      ],
    }),
  ];
  for (const seen of record.operations.values()) {
    const bounds = operationBounds(seen, now);
    const start = bounds.start < record.start ? record.start : bounds.start;
    const spec = operationSpan(
      record,
      seen,
      {
        traceId,
        spanId: spanIdOf(seen.info.id),
        parentSpanId: parentOf(seen.info),
        links: [
          {
            context: spanContextOf(executionTrace, durableSpanId(arn, "operation", seen.info.id)),
            attributes: { "durable.link": "execution_operation" },
          },
        ],
      },
      start,
      bounds.end,
      seen.ended ? {} : { "durable.operation.continues": true },
    );
    spec.events = [];
    specs.push(spec);
  }
  for (const attempt of record.attempts) {
    specs.push(
      attemptSpan(record, attempt, {
        traceId,
        spanId: durableSpanId(
          arn,
          "invocation",
          record.requestId,
          "attempt",
          attempt.id,
          String(attempt.attempt),
        ),
        parentSpanId: spanIdOf(attempt.id),
      }),
    );
  }
  return specs;
}
