import { JitterStrategy } from "../types/retry";

/** Randomises `seconds` per `strategy`; unknown strategies leave it unchanged. */
export function applyJitter(seconds: number, strategy: JitterStrategy | undefined): number {
  switch (strategy) {
    case JitterStrategy.FULL:
      return Math.random() * seconds;
    case JitterStrategy.HALF:
      return seconds / 2 + Math.random() * (seconds / 2);
    default:
      return seconds;
  }
}

/** Jitters a base delay and rounds it to whole seconds, never below one second. */
export function jitteredDelaySeconds(
  baseSeconds: number,
  strategy: JitterStrategy | undefined,
): number {
  return Math.max(1, Math.round(applyJitter(baseSeconds, strategy)));
}
