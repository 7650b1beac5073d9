/**
 * Draws the timeline as one inline SVG: the time axis with its idle breaks, invocation
 * bands behind the rows, one row per operation (label, then its bar segments).
 */
import { escapeXml, preview } from "./escape";
import { formatOffset, formatSpan } from "./format-time";
import type { Segment, TimelineModel } from "./model";
import { orderRows } from "./rows";
import { buildTimeScale, type TimeScale } from "./time-scale";
import {
  executionTooltip,
  invocationTooltip,
  operationLabel,
  segmentTooltip,
  type Tooltip,
} from "./tooltips";

/** Geometry of the drawing, in pixels. */
const LABEL_W = 320;
const RIGHT_PAD = 24;
const AXIS_H = 34;
const LANE_H = 26;
const ROW_H = 24;
const BAR_H = 14;
const CONTEXT_H = 6;
const INDENT = 14;
const MIN_BAR_W = 3;
/** Approximate width of one character of a tick label. */
const CHAR_W = 6.2;

/** Renders the SVG element of `model`, `plotWidth` pixels wide for the time axis. */
export function renderTimelineSvg(model: TimelineModel, plotWidth: number): string {
  const rows = orderRows(model.operations);
  const scale = buildTimeScale({
    start: model.start,
    end: model.end,
    points: [
      ...model.operations.flatMap((op) => op.segments.flatMap((s) => [s.start, s.end])),
      ...model.invocations.flatMap((i) => [i.start, i.end]),
    ],
    busy: model.invocations.map((i) => [i.start, i.end] as const),
    width: plotWidth,
  });
  const top = AXIS_H + LANE_H;
  const height = top + (rows.length + 1) * ROW_H + 8;
  const width = LABEL_W + plotWidth + RIGHT_PAD;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="timeline" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="Execution timeline">`,
    PATTERNS,
  ];
  for (let i = 0; i <= rows.length; i += 2) {
    out.push(rect("stripe", 0, top + i * ROW_H, width, ROW_H));
  }
  out.push(...breaks(scale, top, height));
  out.push(...invocationBands(model, scale, top, height));
  out.push(...axis(model, scale));
  out.push(`<text class="lane-label" x="8" y="${AXIS_H + 17}">invocations</text>`);

  const bodyY = (index: number) => top + index * ROW_H;
  out.push(label(model.name ?? "execution", "EXECUTION", 0, bodyY(0)));
  out.push(
    bar(executionTooltip(model), "execution", [
      segmentRect(
        scale,
        "context",
        model.status === "RUNNING" ? "running" : statusOutcome(model.status),
        model.start,
        model.end,
        model.status === "RUNNING",
        bodyY(0),
      ),
    ]),
  );
  rows.forEach((row, i) => {
    const y = bodyY(i + 1);
    const op = row.op;
    const kind = op.subType && op.subType !== op.type ? op.subType : op.type;
    out.push(label(operationLabel(op), kind, row.depth + 1, y));
    // Attempts last, so that a short attempt stays visible next to its retry delay.
    const ordered = [...op.segments].sort((a, b) => drawOrder(a) - drawOrder(b));
    const rects = ordered.map((s) =>
      bar(
        segmentTooltip(model, op, s),
        `op op-${op.type.toLowerCase()}`,
        [segmentRect(scale, s.kind, s.outcome, s.start, s.end, s.open, y)],
        op.id,
      ),
    );
    out.push(`<g class="row" data-row="${escapeXml(op.id)}">${rects.join("")}</g>`);
  });
  out.push("</svg>");
  return out.join("\n");
}

const PATTERNS = `<defs>
<pattern id="hatch-wait" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#dbe8fb"/><rect width="2.5" height="6" fill="#4c8bd6"/></pattern>
<pattern id="hatch-callback" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#f1e3f8"/><rect width="2.5" height="6" fill="#9c4dcc"/></pattern>
<pattern id="hatch-retry" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)"><rect width="6" height="6" fill="#fff1d6"/><rect width="2" height="6" fill="#e8a33d"/></pattern>
<pattern id="hatch-break" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="8" height="8" fill="#f1f3f5"/><rect width="1" height="8" fill="#ced4da"/></pattern>
</defs>`;

function drawOrder(s: Segment): number {
  return s.kind === "attempt" ? 1 : 0;
}

function statusOutcome(status: string): Segment["outcome"] {
  switch (status) {
    case "SUCCEEDED":
      return "succeeded";
    case "TIMED_OUT":
      return "timed-out";
    case "STOPPED":
      return "stopped";
    default:
      return "failed";
  }
}

function rect(cls: string, x: number, y: number, w: number, h: number, extra = ""): string {
  return `<rect class="${cls}" x="${r(x)}" y="${r(y)}" width="${r(w)}" height="${r(h)}"${extra}/>`;
}

function r(n: number): string {
  return String(Math.round(n * 10) / 10);
}

function tipAttributes(tip: Tooltip): string {
  const lines = tip.lines.map((l) => escapeXml(l)).join("&#10;");
  return ` data-tip-title="${escapeXml(tip.title)}" data-tip="${lines}"`;
}

function segmentRect(
  scale: TimeScale,
  kind: string,
  outcome: string,
  start: number,
  end: number,
  open: boolean,
  rowY: number,
): string {
  const x0 = LABEL_W + scale.x(start);
  const w = Math.max(MIN_BAR_W, scale.x(end) - scale.x(start));
  const h = kind === "context" ? CONTEXT_H : BAR_H;
  const y = rowY + (ROW_H - h) / 2;
  const cls = `seg ${kind} o-${outcome}${open ? " open" : ""}`;
  return rect(cls, x0, y, w, h, ` rx="2"`);
}

function bar(tip: Tooltip, cls: string, rects: string[], id?: string): string {
  const data = id === undefined ? "" : ` data-op="${escapeXml(id)}"`;
  return `<g class="bar ${cls}"${data}${tipAttributes(tip)}>${rects.join("")}</g>`;
}

function label(text: string, kind: string, depth: number, rowY: number): string {
  const x = 8 + depth * INDENT;
  const room = Math.max(8, Math.floor((LABEL_W - x - 12) / 7));
  const name = preview(text, Math.max(6, room - kind.length - 2));
  return (
    `<text class="label" x="${x}" y="${rowY + 16}">${depth > 0 ? '<tspan class="twig">└ </tspan>' : ""}` +
    `${escapeXml(name)} <tspan class="kind">${escapeXml(kind)}</tspan></text>`
  );
}

/** Compressed idle stretches: hatched bands with their real length on top. */
function breaks(scale: TimeScale, top: number, height: number): string[] {
  return scale.sections
    .filter((s) => s.compressed)
    .map((s) => {
      const x = LABEL_W + s.x0;
      const w = s.x1 - s.x0;
      return (
        rect("break", x, AXIS_H, w, height - AXIS_H) +
        `<text class="break-label" x="${r(x + w / 2)}" y="${AXIS_H - 6}">⋯ ${escapeXml(formatSpan(s.end - s.start))} ⋯</text>` +
        `<line class="break-edge" x1="${r(x)}" x2="${r(x)}" y1="${top}" y2="${height}"/>` +
        `<line class="break-edge" x1="${r(x + w)}" x2="${r(x + w)}" y1="${top}" y2="${height}"/>`
      );
    });
}

/** One band per invocation behind the rows, and a numbered chip in the invocation lane. */
function invocationBands(
  model: TimelineModel,
  scale: TimeScale,
  top: number,
  height: number,
): string[] {
  return model.invocations.map((inv) => {
    const x0 = LABEL_W + scale.x(inv.start);
    const w = Math.max(MIN_BAR_W, scale.x(inv.end) - scale.x(inv.start));
    const chipW = Math.max(22, w);
    const chipX = x0 + w / 2 - chipW / 2;
    const cls = `invocation${inv.index % 2 === 0 ? " even" : ""}${inv.error ? " errored" : ""}`;
    return (
      `<g class="${cls}" data-invocation="${inv.index}"${tipAttributes(invocationTooltip(model, inv))}>` +
      rect("band", x0, top, w, height - top) +
      rect("chip", chipX, AXIS_H + 4, chipW, LANE_H - 8, ` rx="4"`) +
      `<text class="chip-label" x="${r(x0 + w / 2)}" y="${AXIS_H + 17}">#${inv.index}</text></g>`
    );
  });
}

/** Offsets from the start at section edges, spaced so the labels do not collide. */
function axis(model: TimelineModel, scale: TimeScale): string[] {
  const out = [
    `<line class="axis" x1="${LABEL_W}" x2="${LABEL_W + scale.width}" y1="${AXIS_H}" y2="${AXIS_H}"/>`,
  ];
  // The start, each moment the execution wakes up after a break, and the end.
  const ticks = [
    model.start,
    ...scale.sections
      .filter((s, i) => i > 0 && scale.sections[i - 1].compressed)
      .map((s) => s.start),
    model.end,
  ];
  let last: { x: number; half: number } | undefined;
  ticks.forEach((t, i) => {
    const text = formatOffset(t - model.start);
    const x = scale.x(t);
    const half = (text.length * CHAR_W) / 2;
    // Labels that would leave the chart on the right are right-aligned.
    const isEnd = i === ticks.length - 1 || x + half > scale.width + RIGHT_PAD - 4;
    // The end label is right-aligned so it stays inside the chart.
    const left = isEnd ? x - 2 * half : x - half;
    if (last && left < last.x + last.half + 8) return;
    if (isEnd && i !== ticks.length - 1) return;
    last = { x: isEnd ? x - half : x, half };
    out.push(
      `<line class="tick" x1="${r(LABEL_W + x)}" x2="${r(LABEL_W + x)}" y1="${AXIS_H - 4}" y2="${AXIS_H}"/>` +
        `<text class="tick-label" x="${r(LABEL_W + x)}" y="${AXIS_H - 18}"${isEnd ? ' style="text-anchor:end"' : ""}>${escapeXml(text)}</text>`,
    );
  });
  return out;
}
