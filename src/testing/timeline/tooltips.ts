/** The text of the timeline's tooltips: a title line and detail lines. */
import { formatOffset, formatSpan } from "./format-time";
import type { Segment, TimelineInvocation, TimelineModel, TimelineOperation } from "./model";

/** A tooltip: a bold first line and plain lines below it. */
export interface Tooltip {
  title: string;
  lines: string[];
}

/** The label of an operation: its name, else its type and short id. */
export function operationLabel(op: TimelineOperation): string {
  return op.name ?? `${op.subType ?? op.type} ${op.id.slice(0, 8)}`;
}

/** Tooltip of one segment of an operation's bar. */
export function segmentTooltip(model: TimelineModel, op: TimelineOperation, s: Segment): Tooltip {
  const lines = [
    op.subType && op.subType !== op.type ? `${op.type} · ${op.subType}` : op.type,
    `id ${op.id}`,
  ];
  const span = `${formatSpan(s.end - s.start)}${s.open ? " so far" : ""}, from ${formatOffset(s.start - model.start)}`;
  switch (s.kind) {
    case "attempt":
      lines.push(`attempt ${s.attempt ?? "?"} · ${s.outcome}`, `ran ${span}`);
      break;
    case "retry-delay":
      lines.push(`retry delay after attempt ${s.attempt ?? "?"}`, `waited ${span}`);
      break;
    case "wait":
      lines.push(`waiting · ${s.outcome}`, `waited ${span}`);
      break;
    case "callback":
      lines.push(`waiting for the callback · ${s.outcome}`, `waited ${span}`);
      break;
    case "invoke":
      lines.push(`invoked function · ${s.outcome}`, `took ${span}`);
      break;
    case "context":
      lines.push(`context · ${s.outcome}`, `took ${span}`);
      break;
  }
  if (s.error !== undefined && s.kind === "attempt") lines.push(`error: ${s.error}`);
  if (op.segments.length > 1)
    lines.push(`operation: ${op.outcome} after ${formatSpan(op.end - op.start)}`);
  lines.push(...op.facts);
  if (op.result !== undefined) lines.push(`result: ${op.result}`);
  if (op.error !== undefined && s.error !== op.error) lines.push(`error: ${op.error}`);
  return { title: operationLabel(op), lines };
}

/** Tooltip of an invocation band. */
export function invocationTooltip(model: TimelineModel, inv: TimelineInvocation): Tooltip {
  const lines = [
    inv.reason,
    `wall time ${formatSpan(inv.end - inv.start)}`,
    `started ${formatOffset(inv.start - model.start)} (${new Date(inv.start).toISOString()})`,
  ];
  if (inv.requestId) lines.push(`request id ${inv.requestId}`);
  if (inv.error) lines.push(`error: ${inv.error}`);
  return { title: `Invocation #${inv.index}`, lines };
}

/** Tooltip of the execution's own bar. */
export function executionTooltip(model: TimelineModel): Tooltip {
  const lines = [
    `status ${model.status}`,
    `${formatSpan(model.end - model.start)} on the service's clock`,
    `${model.invocations.length} invocation(s)`,
  ];
  if (model.id) lines.push(`id ${model.id}`);
  if (model.input !== undefined) lines.push(`input: ${model.input}`);
  if (model.result !== undefined) lines.push(`result: ${model.result}`);
  if (model.error !== undefined) lines.push(`error: ${model.error}`);
  return { title: model.name ?? "Execution", lines };
}
