/**
 * The timeline's time axis: virtual time on the service's clock, drawn linearly while the
 * handler runs and compressed where the execution sits idle (a 24 h wait becomes a short,
 * labelled break instead of a 24 h-wide gap).
 */

/** One stretch of the axis. */
export interface ScaleSection {
  start: number;
  end: number;
  x0: number;
  x1: number;
  /** True for a compressed idle stretch (drawn as a break). */
  compressed: boolean;
}

/** Maps epoch milliseconds to x positions in `[0, width]`. */
export interface TimeScale {
  readonly width: number;
  readonly sections: readonly ScaleSection[];
  x(t: number): number;
}

/** What the scale is built from. */
export interface TimeScaleInput {
  start: number;
  end: number;
  /** Moments that matter (event times); idle stretches are found between them. */
  points: readonly number[];
  /** Stretches when the handler ran (invocations): never compressed. */
  busy: ReadonlyArray<readonly [number, number]>;
  /** Width of the drawing area in pixels. */
  width: number;
}

/** Idle stretches longer than this are compressed. */
export const IDLE_BREAK_MS = 2000;
/** Share of the width compressed stretches may take at most when there is linear time too. */
const MAX_BREAK_SHARE = 0.45;

/** Builds the piecewise-linear scale. */
export function buildTimeScale(input: TimeScaleInput): TimeScale {
  const { start, end, width } = input;
  const cuts = [...new Set([start, end, ...input.points.filter((t) => t > start && t < end)])].sort(
    (a, b) => a - b,
  );
  const raw: Array<{ start: number; end: number; compressed: boolean; px: number }> = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const a = cuts[i];
    const b = cuts[i + 1];
    const mid = (a + b) / 2;
    const busy = input.busy.some(([s, e]) => s <= mid && mid <= e);
    const compressed = !busy && b - a > IDLE_BREAK_MS;
    raw.push({ start: a, end: b, compressed, px: compressed ? breakWidth(b - a) : 0 });
  }
  const linearMs = raw.filter((r) => !r.compressed).reduce((sum, r) => sum + (r.end - r.start), 0);
  let breakPx = raw.reduce((sum, r) => sum + r.px, 0);
  const breakBudget = linearMs > 0 ? width * MAX_BREAK_SHARE : width;
  if (breakPx > breakBudget || (linearMs === 0 && breakPx > 0)) {
    const factor = breakBudget / breakPx;
    for (const r of raw) r.px *= factor;
    breakPx = breakBudget;
  }
  const perMs = linearMs > 0 ? (width - breakPx) / linearMs : 0;

  const sections: ScaleSection[] = [];
  let x = 0;
  for (const r of raw) {
    const w = r.compressed ? r.px : (r.end - r.start) * perMs;
    sections.push({ start: r.start, end: r.end, x0: x, x1: x + w, compressed: r.compressed });
    x += w;
  }
  return {
    width,
    sections,
    x: (t) => position(sections, t),
  };
}

/** Width of a compressed stretch: grows with the logarithm of its length. */
function breakWidth(ms: number): number {
  return 36 + 14 * Math.log10(ms / IDLE_BREAK_MS);
}

function position(sections: readonly ScaleSection[], t: number): number {
  if (sections.length === 0) return 0;
  if (t <= sections[0].start) return sections[0].x0;
  let lo = 0;
  let hi = sections.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sections[mid].end < t) lo = mid + 1;
    else hi = mid;
  }
  const s = sections[lo];
  if (t >= s.end) return s.x1;
  const span = s.end - s.start;
  return span === 0 ? s.x0 : s.x0 + ((t - s.start) / span) * (s.x1 - s.x0);
}
