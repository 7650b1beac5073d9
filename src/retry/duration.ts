import type { Duration } from "../types/duration";

/** Longest delay the service accepts for a wait or a retry (366 days), in seconds. */
export const MAX_DELAY_SECONDS = 31_622_400;

const UNIT_SECONDS: Readonly<Record<string, number>> = {
  days: 86_400,
  hours: 3_600,
  minutes: 60,
  seconds: 1,
};

/**
 * What a duration must be where it is used:
 * - `delay`: a wait, retry or polling delay — whole seconds from 1 to {@link MAX_DELAY_SECONDS};
 * - `timeout`: a callback or heartbeat timeout — whole seconds, 0 meaning none;
 * - `setting`: a strategy setting that is rounded later — any finite length of at least 0.
 */
export type DurationUse = "delay" | "timeout" | "setting";

/**
 * Total seconds of a duration that must fit `use`: an object of `days`, `hours`, `minutes`
 * and `seconds`, each a finite number of at least 0. Otherwise a `TypeError` naming `label`
 * and `option`, e.g. `wait "cool-off": duration must be 1 to 31622400 whole seconds (got
 * { seconds: 0.5 })`.
 */
export function checkedDurationSeconds(
  label: string,
  option: string,
  value: unknown,
  use: DurationUse,
): number {
  let total = typeof value === "object" && value !== null && !Array.isArray(value) ? 0 : NaN;
  let units = 0;
  for (const [unit, amount] of Object.entries(value ?? {})) {
    const valid = typeof amount === "number" && amount >= 0 && UNIT_SECONDS[unit];
    total += valid ? amount * UNIT_SECONDS[unit] : amount === undefined ? 0 : NaN;
    units++;
  }
  const whole = Number.isInteger(total);
  const ok =
    units > 0 &&
    Number.isFinite(total) &&
    (use === "setting" ||
      (whole && (use === "timeout" || (total >= 1 && total <= MAX_DELAY_SECONDS))));
  if (ok) return total;
  const rule =
    use === "delay"
      ? `1 to ${MAX_DELAY_SECONDS} whole seconds`
      : use === "timeout"
        ? "whole seconds (0 for none)"
        : "a finite length";
  throw new TypeError(
    `${label}: ${option} must be ${rule}, given in days, hours, minutes and seconds (got ${describeDuration(value)})`,
  );
}

/**
 * Total seconds of a duration: days, hours, minutes and seconds added up (missing = 0).
 * Throws a `TypeError` for anything that is not a duration of finite length.
 */
export function durationToSeconds(duration: Duration): number {
  return checkedDurationSeconds("durationToSeconds", "duration", duration, "setting");
}

/** `{ seconds: NaN }`, `{ seconds: "5" }`, `"5"`: a value as the user would have written it. */
function describeDuration(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value !== "object" || value === null || Array.isArray(value)) return String(value);
  const fields = Object.entries(value).map(([key, v]) => `${key}: ${describeDuration(v)}`);
  return `{ ${fields.join(", ")} }`;
}
