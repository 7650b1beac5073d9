import type { InvocationEndInfo } from "../plugins/plugin-types";
import { DurableAttributes, errorTypeOf } from "./attributes";
import { durableSpanId, executionTraceId } from "./ids";
import type { InvocationRecord } from "./invocation-record";
import { spanContextOf, type SpanSpec } from "./span-emitter";
import { attemptSpan, invocationSpan, operationBounds, operationSpan } from "./span-specs";

/**
 * Execution-rooted layout: one trace per execution. The execution span is the root;
 * invocations and top-level operations are its children; operations nest under their parent
 * operation and attempts under their step. Each operation is emitted once, by the invocation
 * in which it ended; every id is derived from the ARN, so no invocation needs another's ids.
 */
export function executionLayout(
  record: InvocationRecord,
  end: InvocationEndInfo,
  now: Date,
): SpanSpec[] {
  const arn = record.executionArn;
  const traceId = executionTraceId(arn);
  const executionSpanId = durableSpanId(arn, "execution");
  const invocationSpanId = durableSpanId(arn, "invocation", record.requestId);
  const operationSpanId = (id: string) => durableSpanId(arn, "operation", id);
  const inInvocation = [
    {
      context: spanContextOf(traceId, invocationSpanId),
      attributes: { "durable.link": "invocation" },
    },
  ];
  const specs: SpanSpec[] = [
    invocationSpan(record, end, now, {
      traceId,
      spanId: invocationSpanId,
      parentSpanId: executionSpanId,
      links: record.ambient
        ? [{ context: record.ambient, attributes: { "durable.link": "lambda_invocation" } }]
        : [],
    }),
  ];
  for (const seen of record.operations.values()) {
    if (!seen.ended) continue;
    const { start, end: stop } = operationBounds(seen, now);
    const parentId = seen.info.parentId;
    specs.push(
      operationSpan(
        record,
        seen,
        {
          traceId,
          spanId: operationSpanId(seen.info.id),
          parentSpanId: parentId ? operationSpanId(parentId) : executionSpanId,
          links: inInvocation,
        },
        start,
        stop,
      ),
    );
  }
  for (const attempt of record.attempts) {
    specs.push(
      attemptSpan(record, attempt, {
        traceId,
        spanId: durableSpanId(arn, "attempt", attempt.id, String(attempt.attempt)),
        parentSpanId: operationSpanId(attempt.id),
        links: inInvocation,
      }),
    );
  }
  const finished = end.status === "SUCCEEDED" || end.status === "FAILED";
  if (finished && record.didWork) {
    specs.push({
      name: "execution",
      traceId,
      spanId: executionSpanId,
      startTime: end.executionStartTimestamp ?? record.start,
      endTime: now,
      attributes: {
        [DurableAttributes.EXECUTION_ARN]: arn,
        [DurableAttributes.OPERATION_STATUS]: end.status,
        ...(end.executionError
          ? { [DurableAttributes.ERROR_TYPE]: errorTypeOf(end.executionError) }
          : {}),
      },
      ...(end.status === "FAILED"
        ? { error: { message: end.executionError?.message ?? "execution failed" } }
        : {}),
    });
  }
  return specs;
}
