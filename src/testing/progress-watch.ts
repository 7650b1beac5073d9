/**
 * Watches one run for lack of progress. Once the execution is blocked (only someone outside
 * can move it on) and stays so without a new history event, it reports once after
 * `reportAfterMs` and, only when asked to, rejects after `rejectAfterMs`. Uses the real
 * timers of `node:timers`, so a test's fake timers do not silence it.
 */
import { realTimers } from "../timers/real-timers";

/** Default real milliseconds without progress before the "still waiting" report is printed. */
export const DEFAULT_REPORT_WAITING_AFTER_MS = 3000;

/** What the watch needs from the run. */
export interface ProgressWatchOptions {
  /** True while the execution can only move on through an external call. */
  isBlocked(): boolean;
  /** Prints the report (called at most once per watch). */
  report(quietMs: number): void;
  /** Rejects the run (only when `rejectAfterMs` is set). */
  reject(): void;
  /** Real ms before the report; `false` or `0`: never. Default {@link DEFAULT_REPORT_WAITING_AFTER_MS}. */
  reportAfterMs?: number | false;
  /** Real ms before rejecting; absent: never reject (keep waiting). */
  rejectAfterMs?: number;
}

/**
 * The no-progress watch of one run.
 *
 * @example
 * ```ts
 * const watch = new ProgressWatch({ isBlocked, report, reject });
 * watch.blocked();  // the execution went idle waiting for a callback
 * watch.progress(); // an event was recorded: start over
 * watch.stop();     // the run ended
 * ```
 */
export class ProgressWatch {
  private reportTimer: ReturnType<typeof setTimeout> | undefined;
  private rejectTimer: ReturnType<typeof setTimeout> | undefined;
  private reported = false;
  private stopped = false;

  constructor(private readonly options: ProgressWatchOptions) {}

  /** The execution became blocked: start counting (no-op when already counting). */
  blocked(): void {
    if (this.stopped) return;
    const reportAfter = this.options.reportAfterMs ?? DEFAULT_REPORT_WAITING_AFTER_MS;
    if (!this.reported && reportAfter && !this.reportTimer) {
      this.reportTimer = realTimers.setTimeout(() => {
        this.reportTimer = undefined;
        if (this.stopped || !this.options.isBlocked()) return;
        this.reported = true;
        this.options.report(reportAfter);
      }, reportAfter);
    }
    const rejectAfter = this.options.rejectAfterMs;
    if (rejectAfter !== undefined && !this.rejectTimer) {
      this.rejectTimer = realTimers.setTimeout(() => {
        this.rejectTimer = undefined;
        if (!this.stopped && this.options.isBlocked()) this.options.reject();
      }, rejectAfter);
    }
  }

  /** The execution made progress: the counting starts over at the next {@link blocked}. */
  progress(): void {
    this.clear();
  }

  /** The run ended. */
  stop(): void {
    this.stopped = true;
    this.clear();
  }

  private clear(): void {
    if (this.reportTimer) realTimers.clearTimeout(this.reportTimer);
    if (this.rejectTimer) realTimers.clearTimeout(this.rejectTimer);
    this.reportTimer = undefined;
    this.rejectTimer = undefined;
  }
}
