/** Durations and offsets as the timeline prints them ("28 ms", "1.5 s", "2 h 5 m"). */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A duration in milliseconds, rounded to its two most significant units above a minute
 * (so 23 h 59 m 59.99 s reads `1 d`).
 */
export function formatSpan(ms: number): string {
  let v = Math.max(0, Math.round(ms));
  if (v < SECOND) return `${v} ms`;
  if (v < MINUTE) return `${trim(v / SECOND)} s`;
  for (const [limit, small] of [
    [HOUR, SECOND],
    [DAY, MINUTE],
    [Infinity, HOUR],
  ] as const) {
    if (v < limit) {
      v = Math.round(v / small) * small;
      if (v < limit) break;
    }
  }
  if (v < HOUR) return pair(v, MINUTE, "m", SECOND, "s");
  if (v < DAY) return pair(v, HOUR, "h", MINUTE, "m");
  return pair(v, DAY, "d", HOUR, "h");
}

/**
 * An offset from the execution's start: `+31 ms`, `+4.5 s`, then clock style with
 * milliseconds so that nearby moments after a long wait stay apart: `+2:00:30.011`,
 * `+1d 02:00:30.011`.
 */
export function formatOffset(ms: number): string {
  const v = Math.max(0, Math.round(ms));
  if (v < MINUTE) return `+${formatSpan(v)}`;
  const days = Math.floor(v / DAY);
  const h = Math.floor((v % DAY) / HOUR);
  const m = Math.floor((v % HOUR) / MINUTE);
  const s = Math.floor((v % MINUTE) / SECOND);
  const clock = `${days > 0 ? String(h).padStart(2, "0") : h}:${two(m)}:${two(s)}.${String(v % SECOND).padStart(3, "0")}`;
  return days > 0 ? `+${days}d ${clock}` : `+${clock}`;
}

function two(n: number): string {
  return String(n).padStart(2, "0");
}

function trim(value: number): string {
  return value >= 10 ? String(Math.round(value * 10) / 10) : String(Math.round(value * 100) / 100);
}

function pair(v: number, big: number, bigUnit: string, small: number, smallUnit: string): string {
  const whole = Math.floor(v / big);
  const rest = Math.floor((v - whole * big) / small);
  return rest === 0 ? `${whole} ${bigUnit}` : `${whole} ${bigUnit} ${rest} ${smallUnit}`;
}
