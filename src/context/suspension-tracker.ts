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
  timer: NodeJS.Timeout | undefined;
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
    const tracked: TrackedWait = { op, polls: 0, timer: undefined };
    this.#waits.set(key, tracked);
    this.#schedulePoll(tracked);
    this.evaluate();
    return () => {
      clearTimeout(tracked.timer); // a no-op for undefined
      this.#waits.delete(key);
    };
  }

  /** Re-checks whether the invocation can suspend (call when something became idle). */
  evaluate(): void {
    if (this.#disposed || this.#cooldown || !this.#canSuspend()) return;
    this.#cooldown = setTimeout(() => {
      this.#cooldown = undefined;
      if (!this.#disposed && this.#canSuspend()) this.hooks.suspend();
    }, SUSPEND_COOLDOWN_MS);
  }

  /** Clears every timer; called when the invocation ends. */
  dispose(): void {
    this.#disposed = true;
    this.#cancelCooldown();
    for (const tracked of this.#waits.values()) clearTimeout(tracked.timer);
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

  #schedulePoll(tracked: TrackedWait): void {
    let delay: number;
    if (tracked.polls === 0) {
      delay = tracked.op.dueAt
        ? Math.max(0, tracked.op.dueAt.getTime() - Date.now())
        : UNKNOWN_DUE_FIRST_POLL_MS;
    } else if (tracked.polls > SLOW_POLL_AFTER) {
      delay = SLOW_POLL_INTERVAL_MS;
    } else {
      delay = Math.min(tracked.polls * 1000, MAX_POLL_INTERVAL_MS);
    }
    if (delay > MAX_TIMER_MS || delay > this.hooks.remainingTimeMs() - MIN_REMAINING_MS) return;
    tracked.timer = setTimeout(() => {
      tracked.timer = undefined;
      if (this.#disposed || tracked.op.isAbandoned()) return;
      tracked.polls++;
      this.hooks.poll();
      this.#schedulePoll(tracked);
    }, delay);
    tracked.timer.unref?.();
  }
}
