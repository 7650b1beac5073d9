import { checkedDurationSeconds } from "./duration";

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

/** Converts a strategy's duration option to seconds: any finite, non-negative length. */
export function validDurationSeconds(factory: string, option: string, value: unknown): number {
  return checkedDurationSeconds(factory, option, value, "setting");
}
