import { realNow } from "../../../timers/real-timers";

/**
 * The service's own clock. It runs at the speed of a time source (real time by default)
 * plus an offset that grows every time the scheduler skips ahead. Nothing global is
 * patched: only the service reads this clock.
 *
 * @example
 * ```ts
 * const clock = new VirtualClock();
 * clock.advanceTo(clock.now() + 3_600_000); // one hour later, without waiting
 * console.log(clock.skippedMs()); // 3600000
 * ```
 */
export class VirtualClock {
  private offsetMs = 0;

  /** @param source the underlying time source in epoch milliseconds (default: the real clock, which fake timers do not move). */
  constructor(private readonly source: () => number = realNow) {}

  /** Current virtual time in epoch milliseconds. */
  now(): number {
    return this.source() + this.offsetMs;
  }

  /** Current virtual time as a `Date`. */
  date(): Date {
    return new Date(this.now());
  }

  /** Moves the clock forward so that `now()` returns at least `epochMs`; never moves back. */
  advanceTo(epochMs: number): void {
    const delta = epochMs - this.now();
    if (delta > 0) this.offsetMs += delta;
  }

  /** Total time skipped so far, in milliseconds. */
  skippedMs(): number {
    return this.offsetMs;
  }
}
