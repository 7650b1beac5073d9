// Real timers (see timers/node-timers): fake timers of a test framework must not stall the SDK.
import { clearTimeout, setTimeout } from "../timers/node-timers";

/** An operation blocked on the service (a timer, a callback or a chained invoke). */
export interface WaitingOperation {
  /** Wire id of the operation, used to poll for it. */
  readonly id: string;
  /** When the service is expected to change it; unknown for callbacks and invokes. */
  readonly dueAt: Date | undefined;
  /** True once an enclosing context has finished, so the wait no longer matters. */
  isAbandoned(): boolean;
}

/** What the tracker needs from the invocation. */
export interface SuspensionHooks {
  /** True when no checkpoint is queued or in flight. */
  isCheckpointIdle(): boolean;
  /** Sends an empty checkpoint to learn about service-side changes. */
  poll(): void;
  /** Milliseconds the Lambda invocation has left. */
  remainingTimeMs(): number;
  /** Ends the invocation with PENDING. */
  suspend(): void;
  /** Quiet period before suspending; default {@link SUSPEND_COOLDOWN_MS}. */
  readonly quietMs?: number;
}

/** Quiet period before suspending, so work scheduled in the same tick can start. */
export const SUSPEND_COOLDOWN_MS = 20;
const UNKNOWN_DUE_FIRST_POLL_MS = 1000;
const MAX_POLL_INTERVAL_MS = 10_000;
const SLOW_POLL_INTERVAL_MS = 60_000;
const SLOW_POLL_AFTER = 95;
const MIN_REMAINING_MS = 1000;
const MAX_TIMER_MS = 2 ** 31 - 1;

interface TrackedWait {
  op: WaitingOperation;
  polls: number;
  /** `Date.now()` time of its next poll; undefined when it is not to be polled again. */
  nextPollAt: number | undefined;
}

/**
 * Decides when the invocation may suspend: nothing is executing user code, no checkpoint
 * is pending and at least one live operation waits on the service. While other work keeps
 * the invocation busy, waiting operations are polled with empty checkpoints on a back-off.
 */
export class SuspensionTracker {
  #executing = 0;
  readonly #waits = new Map<number, TrackedWait>();
  #nextKey = 0;
  #cooldown: NodeJS.Timeout | undefined;
  /** One timer for the earliest poll of all waits (thousands of map items may wait at once). */
  #pollTimer: NodeJS.Timeout | undefined;
  #pollTimerAt = Infinity;
  #disposed = false;

  constructor(private readonly hooks: SuspensionHooks) {}

  /** Marks the start of user code that must not be cut short (a step or check function). */
  beginExecuting(): void {
    this.#executing++;
    this.#cancelCooldown();
  }

  /** Marks the end of such user code. */
  endExecuting(): void {
    this.#executing--;
    this.evaluate();
  }

  /** Registers a waiting operation; returns the function that unregisters it. */
  beginWaiting(op: WaitingOperation): () => void {
    const key = this.#nextKey++;
    const tracked: TrackedWait = { op, polls: 0, nextPollAt: undefined };
    this.#waits.set(key, tracked);
    this.#planNextPoll(tracked, Date.now());
    this.#armPollTimer(tracked.nextPollAt);
    this.evaluate();
    return () => {
      this.#waits.delete(key);
    };
  }

  /** Re-checks whether the invocation can suspend (call when something became idle). */
  evaluate(): void {
    if (this.#disposed || this.#cooldown || !this.#canSuspend()) return;
    this.#cooldown = setTimeout(() => {
      this.#cooldown = undefined;
      if (!this.#disposed && this.#canSuspend()) this.hooks.suspend();
    }, this.hooks.quietMs ?? SUSPEND_COOLDOWN_MS);
  }

  /** Clears every timer; called when the invocation ends. */
  dispose(): void {
    this.#disposed = true;
    this.#cancelCooldown();
    clearTimeout(this.#pollTimer);
    this.#waits.clear();
  }

  #canSuspend(): boolean {
    if (this.#executing > 0 || !this.hooks.isCheckpointIdle()) return false;
    for (const tracked of this.#waits.values()) if (!tracked.op.isAbandoned()) return true;
    return false;
  }

  #cancelCooldown(): void {
    clearTimeout(this.#cooldown);
    this.#cooldown = undefined;
  }

  /** Sets when `tracked` is polled next (its due time first, then a growing back-off). */
  #planNextPoll(tracked: TrackedWait, now: number): void {
    let delay: number;
    if (tracked.polls === 0) {
      delay = tracked.op.dueAt
        ? Math.max(0, tracked.op.dueAt.getTime() - now)
        : UNKNOWN_DUE_FIRST_POLL_MS;
    } else if (tracked.polls > SLOW_POLL_AFTER) {
      delay = SLOW_POLL_INTERVAL_MS;
    } else {
      delay = Math.min(tracked.polls * 1000, MAX_POLL_INTERVAL_MS);
    }
    tracked.nextPollAt =
      delay > MAX_TIMER_MS || delay > this.hooks.remainingTimeMs() - MIN_REMAINING_MS
        ? undefined
        : now + delay;
  }

  /** Makes the poll timer fire no later than `at`. */
  #armPollTimer(at: number | undefined): void {
    if (at === undefined || at >= this.#pollTimerAt || this.#disposed) return;
    clearTimeout(this.#pollTimer);
    this.#pollTimerAt = at;
    this.#pollTimer = setTimeout(() => this.#pollDue(), Math.max(0, at - Date.now()));
    this.#pollTimer.unref?.();
  }

  /** Polls once for every live wait now due, plans their next polls and re-arms. */
  #pollDue(): void {
    this.#pollTimer = undefined;
    this.#pollTimerAt = Infinity;
    if (this.#disposed) return;
    const now = Date.now();
    let due = false;
    let next = Infinity;
    for (const tracked of this.#waits.values()) {
      if (tracked.nextPollAt === undefined || tracked.op.isAbandoned()) continue;
      if (tracked.nextPollAt <= now) {
        due = true;
        tracked.polls++;
        this.#planNextPoll(tracked, now);
      }
      if (tracked.nextPollAt !== undefined) next = Math.min(next, tracked.nextPollAt);
    }
    if (due) this.hooks.poll();
    if (next !== Infinity) this.#armPollTimer(next);
  }
}
