import { checkedDurationSeconds } from "./duration";

/**
 * Checks a strategy's numeric option: a finite number of at least zero (`">= 0"`: attempt
 * limits) or above zero (`"> 0"`: backoff factors).
 */
export function validFiniteNumber(
  factory: string,
  option: string,
  value: number,
  bound: ">= 0" | "> 0",
): number {
  // Number.isFinite is false for anything but a finite number.
  if (!Number.isFinite(value) || value < 0 || (value === 0 && bound === "> 0")) {
    throw new TypeError(
      `${factory}: ${option} must be a finite number ${bound} (got ${String(value)})`,
    );
  }
  return value;
}

/** Converts a strategy's duration option to seconds: any finite, non-negative length. */
export function validDurationSeconds(factory: string, option: string, value: unknown): number {
  return checkedDurationSeconds(factory, option, value, "setting");
}
