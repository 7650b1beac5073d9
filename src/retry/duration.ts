import type { Duration } from "../types/duration";

/** Total seconds of a duration: days, hours, minutes and seconds added up (missing = 0). */
export function durationToSeconds(duration: Duration): number {
  const {
    days = 0,
    hours = 0,
    minutes = 0,
    seconds = 0,
  } = duration as Partial<Record<"days" | "hours" | "minutes" | "seconds", number>>;
  return days * 86400 + hours * 3600 + minutes * 60 + seconds;
}
