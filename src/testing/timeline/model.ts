/**
 * The timeline's model of one execution, built from its history events alone (so it works
 * for the embedded service and for a `GetDurableExecutionHistory` answer of the real one):
 * operations with their segments in time, and the invocations of the handler.
 */
import { executionStatusOfEndEvent } from "../service/api/execution-status";
import type { Event } from "../service/state/history-event";
import { formatSpan } from "./format-time";
import { preview } from "./escape";

/** How an operation or a segment ended; `running` when the history has no end yet. */
export type Outcome = "succeeded" | "failed" | "running" | "cancelled" | "timed-out" | "stopped";

/** What a stretch of an operation's bar stands for. */
export type SegmentKind = "attempt" | "retry-delay" | "wait" | "callback" | "invoke" | "context";

/** One stretch of an operation's bar (epoch milliseconds on the service's clock). */
export interface Segment {
  kind: SegmentKind;
  start: number;
  end: number;
  outcome: Outcome;
  /** True when the history does not say when it ended (drawn up to the end of the history). */
  open: boolean;
  /** Step attempt number (attempt and retry-delay segments). */
  attempt?: number;
  /** Error preview of a failed attempt. */
  error?: string;
}

/** Operation types as history events name them. */
export type TimelineOperationType = "Step" | "Wait" | "Callback" | "Context" | "ChainedInvoke";

/** One operation: a row of the timeline. */
export interface TimelineOperation {
  id: string;
  parentId?: string;
  name?: string;
  type: TimelineOperationType;
  subType?: string;
  start: number;
  end: number;
  outcome: Outcome;
  open: boolean;
  segments: Segment[];
  /** Result preview (JSON text as stored). */
  result?: string;
  /** Error preview (`Type: message`). */
  error?: string;
  /** Further facts for the tooltip, e.g. `function: pricer`. */
  facts: string[];
}

/** One invocation of the handler (from `InvocationCompleted` events). */
export interface TimelineInvocation {
  /** 1-based. */
  index: number;
  start: number;
  end: number;
  requestId?: string;
  error?: string;
  /** Why the service invoked the handler, e.g. `after wait "cool-down"`. */
  reason: string;
}

/** The execution as the timeline draws it. */
export interface TimelineModel {
  id?: string;
  name?: string;
  start: number;
  end: number;
  /** The final status, or `RUNNING` when the history has no end event. */
  status: string;
  input?: string;
  result?: string;
  error?: string;
  /** Operations in first-seen order. */
  operations: TimelineOperation[];
  invocations: TimelineInvocation[];
}

const PREVIEW = 240;
const TYPES = ["ChainedInvoke", "Callback", "Context", "Step", "Wait"] as const;
const OUTCOMES: Record<string, Outcome> = {
  Succeeded: "succeeded",
  Failed: "failed",
  TimedOut: "timed-out",
  Stopped: "stopped",
  Cancelled: "cancelled",
};

/** Builds the model from history events in any order (they are sorted by `EventId`). */
export function buildTimelineModel(events: readonly Event[]): TimelineModel {
  const sorted = [...events].sort((a, b) => (a.EventId ?? 0) - (b.EventId ?? 0));
  const times = sorted.map(time).filter((t): t is number => t !== undefined);
  const start = times.length > 0 ? Math.min(...times) : 0;
  const model: TimelineModel = {
    start,
    end: times.length > 0 ? Math.max(...times) : start,
    status: "RUNNING",
    operations: [],
    invocations: [],
  };
  const byId = new Map<string, TimelineOperation>();

  for (const event of sorted) {
    const type = event.EventType ?? "";
    const at = time(event) ?? model.end;
    const details = detailsOf(event);
    if (type.startsWith("Execution")) {
      readExecutionEvent(model, type.slice("Execution".length), event, details, at);
      continue;
    }
    if (type === "InvocationCompleted") {
      model.invocations.push(invocationOf(details, at, model.invocations.length + 1));
      continue;
    }
    const opType = TYPES.find((t) => type.startsWith(t));
    if (!opType || event.Id === undefined) continue;
    const phase = type.slice(opType.length);
    let op = byId.get(event.Id);
    if (!op) {
      op = newOperation(event, opType, at);
      byId.set(event.Id, op);
      model.operations.push(op);
    }
    applyPhase(op, phase, details, at);
  }

  for (const op of model.operations) closeOpen(op, model.end);
  for (const inv of model.invocations) inv.reason = invocationReason(inv, model);
  return model;
}

function readExecutionEvent(
  model: TimelineModel,
  phase: string,
  event: Event,
  details: Record<string, unknown>,
  at: number,
): void {
  if (phase === "Started") {
    model.id = event.Id;
    model.name = event.Name;
    model.input = payloadPreview(details.Input);
    return;
  }
  model.status = executionStatusOfEndEvent(event.EventType) ?? phase.toUpperCase();
  model.end = Math.max(model.end, at);
  model.result = payloadPreview(details.Result);
  model.error = errorPreview(details.Error);
}

function newOperation(event: Event, type: TimelineOperationType, at: number): TimelineOperation {
  return {
    id: event.Id as string,
    parentId: event.ParentId,
    name: event.Name,
    type,
    subType: event.SubType,
    start: at,
    end: at,
    outcome: "running",
    open: true,
    segments: [],
    facts: [],
  };
}

/** Applies one `Started`/`Succeeded`/`Failed`/... event to an operation. */
function applyPhase(
  op: TimelineOperation,
  phase: string,
  details: Record<string, unknown>,
  at: number,
): void {
  const last = op.segments.at(-1);
  if (phase === "Started") {
    if (op.type === "Step") {
      if (last?.kind === "retry-delay" && last.open) closeSegment(last, at, "succeeded");
      const attempt = op.segments.filter((s) => s.kind === "attempt").length + 1;
      op.segments.push(segment("attempt", at, attempt));
    } else {
      op.segments.push(segment(SEGMENT_OF[op.type], at));
      describeStart(op, details);
    }
    return;
  }
  const outcome = OUTCOMES[phase] ?? "failed";
  const error = errorPreview(details.Error);
  const retry = details.RetryDetails as
    { CurrentAttempt?: number; NextAttemptDelaySeconds?: number } | undefined;
  // A step outcome without a StartED event (e.g. replayed from another history) still shows.
  const open = last && last.open && last.kind !== "retry-delay" ? last : undefined;
  const current = open ?? pushInstant(op, at);
  if (retry?.CurrentAttempt !== undefined) current.attempt = retry.CurrentAttempt;
  if (error !== undefined) current.error = error;
  closeSegment(current, at, outcome);
  if (op.type === "Step" && outcome === "failed" && retry?.NextAttemptDelaySeconds !== undefined) {
    const delay = segment("retry-delay", at, current.attempt);
    delay.end = at + retry.NextAttemptDelaySeconds * 1000;
    op.segments.push(delay);
    op.error = error;
    return;
  }
  op.outcome = outcome;
  op.open = false;
  op.end = at;
  op.result = payloadPreview(details.Result) ?? op.result;
  op.error = error ?? (outcome === "succeeded" ? undefined : op.error);
}

const SEGMENT_OF: Record<Exclude<TimelineOperationType, "Step">, SegmentKind> = {
  Wait: "wait",
  Callback: "callback",
  Context: "context",
  ChainedInvoke: "invoke",
};

function describeStart(op: TimelineOperation, details: Record<string, unknown>): void {
  if (typeof details.Duration === "number")
    op.facts.push(`wait: ${formatSpan(details.Duration * 1000)}`);
  if (typeof details.FunctionName === "string") op.facts.push(`function: ${details.FunctionName}`);
  if (typeof details.Timeout === "number" && details.Timeout > 0)
    op.facts.push(`timeout: ${formatSpan(details.Timeout * 1000)}`);
  if (typeof details.HeartbeatTimeout === "number" && details.HeartbeatTimeout > 0)
    op.facts.push(`heartbeat timeout: ${formatSpan(details.HeartbeatTimeout * 1000)}`);
  const input = payloadPreview(details.Input);
  if (input !== undefined) op.facts.push(`input: ${input}`);
}

function segment(kind: SegmentKind, at: number, attempt?: number): Segment {
  const s: Segment = { kind, start: at, end: at, outcome: "running", open: true };
  if (attempt !== undefined) s.attempt = attempt;
  return s;
}

function pushInstant(op: TimelineOperation, at: number): Segment {
  const kind = op.type === "Step" ? "attempt" : SEGMENT_OF[op.type];
  const attempt =
    op.type === "Step" ? op.segments.filter((s) => s.kind === "attempt").length + 1 : undefined;
  const s = segment(kind, at, attempt);
  op.segments.push(s);
  return s;
}

function closeSegment(s: Segment, at: number, outcome: Outcome): void {
  s.end = Math.max(s.start, at);
  s.outcome = outcome;
  s.open = false;
}

/** Operations (and segments) the history leaves open are drawn up to its end. */
function closeOpen(op: TimelineOperation, end: number): void {
  for (const s of op.segments) {
    if (s.open) s.end = Math.max(s.start, s.kind === "retry-delay" ? Math.min(s.end, end) : end);
  }
  if (op.open) op.end = Math.max(op.start, end);
}

function invocationOf(
  details: Record<string, unknown>,
  at: number,
  index: number,
): TimelineInvocation {
  const start = toMillis(details.StartTimestamp) ?? at;
  const end = toMillis(details.EndTimestamp) ?? at;
  const inv: TimelineInvocation = { index, start, end: Math.max(start, end), reason: "" };
  if (typeof details.RequestId === "string") inv.requestId = details.RequestId;
  const error = errorPreview(details.Error);
  if (error !== undefined) inv.error = error;
  return inv;
}

/** What woke the execution up before an invocation: a timer, a callback, an invoke result. */
function invocationReason(inv: TimelineInvocation, model: TimelineModel): string {
  if (inv.index === 1) return "start of the execution";
  const previous = model.invocations[inv.index - 2];
  if (previous.error !== undefined) return "retry of a failed invocation";
  const label = (op: TimelineOperation) => (op.name ? `"${op.name}"` : op.id.slice(0, 8));
  // Completions while the execution was suspended explain the invocation; completions during
  // the previous invocation only when nothing else does (the handler may have missed them).
  const reasons: string[] = [];
  const late: string[] = [];
  for (const op of model.operations) {
    for (const s of op.segments) {
      if (s.kind === "retry-delay") {
        // The delay was pending when the previous invocation ended and is over in this one.
        if (s.start <= previous.end && s.end >= previous.end && s.end <= inv.end)
          reasons.push(`retry of step ${label(op)}`);
      } else if (s.kind !== "attempt" && s.kind !== "context" && !s.open && s.end <= inv.start) {
        const text = `${WOKE[s.kind]} ${label(op)} ${s.kind === "wait" ? "ended" : s.outcome}`;
        if (s.end >= previous.end) reasons.push(text);
        else if (s.end > previous.start && s.start < previous.end) late.push(text);
      }
    }
  }
  if (reasons.length === 0) reasons.push(...late);
  return reasons.length > 0 ? `re-invoked: ${[...new Set(reasons)].join(", ")}` : "re-invoked";
}

const WOKE: Partial<Record<SegmentKind, string>> = {
  wait: "wait",
  callback: "callback",
  invoke: "invoke",
};

function detailsOf(event: Event): Record<string, unknown> {
  const value = (event as Record<string, unknown>)[`${event.EventType}Details`];
  return value && typeof value === "object" ? (value as Record<string, unknown>) : {};
}

function time(event: Event): number | undefined {
  return toMillis(event.EventTimestamp);
}

/** Epoch ms of a `Date`, an ISO string or epoch seconds (as JSON histories carry them). */
export function toMillis(value: unknown): number | undefined {
  if (value instanceof Date) return value.getTime();
  if (typeof value === "string") {
    const t = Date.parse(value);
    return Number.isNaN(t) ? undefined : t;
  }
  if (typeof value === "number") return value < 1e11 ? value * 1000 : value;
  return undefined;
}

function payloadPreview(value: unknown): string | undefined {
  const payload = (value as { Payload?: unknown } | undefined)?.Payload;
  return typeof payload === "string" ? preview(payload, PREVIEW) : undefined;
}

function errorPreview(value: unknown): string | undefined {
  const payload = (value as { Payload?: Record<string, unknown> } | undefined)?.Payload;
  if (!payload) return undefined;
  const type = typeof payload.ErrorType === "string" ? payload.ErrorType : undefined;
  const message = typeof payload.ErrorMessage === "string" ? payload.ErrorMessage : "";
  return preview(type ? `${type}: ${message}` : message || "(no message)", PREVIEW);
}
