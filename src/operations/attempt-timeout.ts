import { checkedDurationSeconds } from "../retry/duration";
import type { Duration } from "../types/duration";

/**
 * The error for an attempt timeout (`StepConfig.timeout`, `WaitForConditionConfig.checkTimeout`)
 * that is not whole seconds from 1 s to 366 days, naming the call and the option; checked
 * at the call, before user code runs.
 */
export function timeoutError(label: string, option: string, value: unknown): TypeError | undefined {
  if (value === undefined) return undefined;
  try {
    checkedDurationSeconds(label, option, value, "delay");
    return undefined;
  } catch (invalid) {
    return invalid as TypeError;
  }
}

/** Seconds of an attempt timeout already checked by {@link timeoutError}. */
export function attemptTimeoutSeconds(timeout: Duration | undefined): number | undefined {
  return timeout === undefined ? undefined : checkedDurationSeconds("", "", timeout, "delay");
}
