import type { VirtualClock } from "./virtual-clock";

/** A scheduled timer; call `cancel()` to drop it. */
export interface TimerHandle {
  readonly due: number;
  cancel(): void;
}

interface Timer extends TimerHandle {
  seq: number;
  fn: () => void;
  canSkipTo?: () => boolean;
  cancelled: boolean;
  fired: boolean;
}

/** Largest delay accepted by `setTimeout`. */
const MAX_REAL_DELAY = 2 ** 31 - 1;

/**
 * Timers on the service's virtual clock. Every timer fires when the clock reaches its due
 * time (a real timer is armed for the earliest one). With time skipping, the scheduler also
 * jumps the clock to the next due timer as soon as no work is in progress (no invocation
 * running, no chained-invoke target executing): the jump happens one macrotask after the
 * service went idle, so code reacting to the last checkpoint still gets to run first.
 *
 * Only `setTimeout`/`setImmediate` are used, internally, and `close()` clears them.
 */
export class Scheduler {
  private readonly heap: Timer[] = [];
  private seq = 0;
  private activeWork = 0;
  private realTimer: ReturnType<typeof setTimeout> | undefined;
  private realTimerDue = Infinity;
  private jumpPending: ReturnType<typeof setImmediate> | undefined;
  private closed = false;

  constructor(
    private readonly clock: VirtualClock,
    private readonly skipTime: boolean,
  ) {}

  /**
   * Schedules `fn` at virtual time `due` (epoch ms). `canSkipTo`, when given, is asked before
   * the clock jumps to this timer; returning false makes the scheduler wait for it in real time
   * (used for execution timeouts of executions that only wait for external input).
   */
  schedule(due: number, fn: () => void, canSkipTo?: () => boolean): TimerHandle {
    const timer: Timer = {
      due,
      seq: this.seq++,
      fn,
      canSkipTo,
      cancelled: false,
      fired: false,
      cancel: () => {
        if (timer.cancelled) return;
        timer.cancelled = true;
        if (this.heap[0] === timer) this.arm();
      },
    };
    this.push(timer);
    this.arm();
    return timer;
  }

  /** Marks the start of work during which the clock must not jump (an invocation, a target call). */
  beginWork(): void {
    this.activeWork++;
  }

  /** Marks the end of work started with {@link beginWork}. */
  endWork(): void {
    this.activeWork--;
    if (this.activeWork < 0) this.activeWork = 0;
    if (this.activeWork === 0) this.arm();
  }

  /** Drops every timer and releases the real timers. */
  close(): void {
    this.closed = true;
    this.heap.length = 0;
    if (this.realTimer) clearTimeout(this.realTimer);
    if (this.jumpPending) clearImmediate(this.jumpPending);
    this.realTimer = undefined;
    this.jumpPending = undefined;
  }

  private arm(): void {
    if (this.closed) return;
    this.dropCancelledHead();
    const head = this.heap[0];
    if (!head) {
      if (this.realTimer) clearTimeout(this.realTimer);
      this.realTimer = undefined;
      this.realTimerDue = Infinity;
      return;
    }
    if (this.skipTime && this.activeWork === 0 && !this.jumpPending) {
      this.jumpPending = setImmediate(() => {
        this.jumpPending = undefined;
        this.jump();
      });
    }
    if (head.due < this.realTimerDue || !this.realTimer) {
      if (this.realTimer) clearTimeout(this.realTimer);
      const delay = Math.min(Math.max(0, head.due - this.clock.now()), MAX_REAL_DELAY);
      this.realTimerDue = head.due;
      this.realTimer = setTimeout(() => {
        this.realTimer = undefined;
        this.realTimerDue = Infinity;
        this.fireDue();
        this.arm();
      }, delay);
    }
  }

  private jump(): void {
    if (this.closed || this.activeWork > 0) return;
    this.dropCancelledHead();
    const head = this.heap[0];
    if (!head) return;
    if (head.canSkipTo && !head.canSkipTo()) return;
    this.clock.advanceTo(head.due);
    this.fireDue();
    this.arm();
  }

  private fireDue(): void {
    const now = this.clock.now();
    for (;;) {
      this.dropCancelledHead();
      const head = this.heap[0];
      if (!head || head.due > now) return;
      this.pop();
      head.fired = true;
      head.cancelled = true;
      head.fn();
    }
  }

  private dropCancelledHead(): void {
    while (this.heap.length > 0 && this.heap[0].cancelled) this.pop();
  }

  private less(a: Timer, b: Timer): boolean {
    return a.due < b.due || (a.due === b.due && a.seq < b.seq);
  }

  private push(t: Timer): void {
    const h = this.heap;
    h.push(t);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }

  private pop(): Timer | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(h[l], h[m])) m = l;
        if (r < h.length && this.less(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
}
