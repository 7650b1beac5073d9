import type { Duration } from "../types/duration";
import { durationToSeconds } from "./duration";

/** Checks an attempt limit: a finite number of at least zero. */
export function validAttemptLimit(factory: string, option: string, value: number): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new TypeError(
      `${factory}: ${option} must be a finite number >= 0 (got ${String(value)})`,
    );
  }
  return value;
}

/** Checks a backoff factor: a finite number above zero. */
export function validBackoffRate(factory: string, option: string, value: number): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new TypeError(`${factory}: ${option} must be a finite number > 0 (got ${String(value)})`);
  }
  return value;
}

/** Converts a duration option to seconds, requiring a finite, non-negative total. */
export function validDurationSeconds(factory: string, option: string, value: Duration): number {
  const seconds =
    typeof value === "object" && value !== null ? durationToSeconds(value) : Number.NaN;
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new TypeError(
      `${factory}: ${option} must be a duration of finite, non-negative length (got ${JSON.stringify(value)})`,
    );
  }
  return seconds;
}
