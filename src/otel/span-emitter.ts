import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  TraceFlags,
  trace,
  type Attributes,
  type Context,
  type Link,
  type SpanContext,
  type Tracer,
} from "@opentelemetry/api";
import { DurableAttributes } from "./attributes";
import { withPendingIds } from "./id-generator";

/** A finished span to emit: everything is known when it is emitted. */
export interface SpanSpec {
  name: string;
  traceId: string;
  spanId: string;
  /** Deterministic parent (same trace); absent for a root span unless `ambient` is given. */
  parentSpanId?: string;
  /** A real parent span context to nest under (e.g. the Lambda layer's invocation span). */
  ambient?: SpanContext;
  kind?: SpanKind;
  startTime: Date;
  endTime: Date;
  attributes: Attributes;
  links?: Link[];
  events?: Array<{ name: string; time: Date; attributes?: Attributes }>;
  error?: { type?: string; message?: string; exception?: Error };
}

/** A remote span context for deterministic ids (the sampled flag keeps parent-based samplers on). */
export function spanContextOf(traceId: string, spanId: string): SpanContext {
  return { traceId, spanId, traceFlags: TraceFlags.SAMPLED, isRemote: true };
}

function parentContext(spec: SpanSpec): Context | undefined {
  if (spec.parentSpanId) {
    return trace.setSpanContext(ROOT_CONTEXT, spanContextOf(spec.traceId, spec.parentSpanId));
  }
  if (spec.ambient) return trace.setSpanContext(ROOT_CONTEXT, spec.ambient);
  return undefined;
}

/**
 * Starts and ends one span through `tracer`, offering its deterministic ids to
 * {@link DurableIdGenerator}. Returns the span context the provider actually gave it.
 */
export function emitSpan(tracer: Tracer, spec: SpanSpec): SpanContext {
  const parent = parentContext(spec);
  const span = withPendingIds({ traceId: spec.traceId, spanId: spec.spanId }, () =>
    tracer.startSpan(
      spec.name,
      {
        kind: spec.kind ?? SpanKind.INTERNAL,
        startTime: spec.startTime,
        attributes: spec.attributes,
        links: spec.links ?? [],
        root: parent === undefined,
      },
      parent ?? ROOT_CONTEXT,
    ),
  );
  const actual = span.spanContext();
  if (actual.spanId !== spec.spanId) {
    span.setAttribute(DurableAttributes.INTENDED_SPAN_ID, spec.spanId);
  }
  for (const event of spec.events ?? []) span.addEvent(event.name, event.attributes, event.time);
  if (spec.error) {
    if (spec.error.exception) span.recordException(spec.error.exception, spec.endTime);
    span.setStatus({ code: SpanStatusCode.ERROR, message: spec.error.message });
  }
  span.end(spec.endTime < spec.startTime ? spec.startTime : spec.endTime);
  return actual;
}
