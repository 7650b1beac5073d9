import { realTimers } from "../../../timers/real-timers";
import type { VirtualClock } from "./virtual-clock";

/** A scheduled timer; call `cancel()` to drop it. */
export interface TimerHandle {
  readonly due: number;
  cancel(): void;
}

/**
 * Decides whether the clock may jump to a timer. Returns `0` when it may jump now, a number
 * of real milliseconds after which to ask again, or `Infinity` to wait for a
 * {@link Scheduler.kick} (the timer then fires in real time unless a kick allows the jump).
 */
export type SkipGate = () => number;

interface Timer extends TimerHandle {
  seq: number;
  fn: () => void;
  gate?: SkipGate;
  group?: object;
  reach?: () => number;
  cancelled: boolean;
}

/** What else a timer may say when it is scheduled. */
export interface TimerOptions {
  /** Asked before the clock jumps to this timer (see {@link SkipGate}). */
  gate?: SkipGate;
  /**
   * With {@link TimerOptions.reach}: when the clock jumps to this timer, the later timers of
   * the same group (an execution's waits and retries) that fall due within `reach()`
   * milliseconds after it fire in the same jump.
   */
  group?: object;
  /** See {@link TimerOptions.group}; asked at the jump (0 when absent). */
  reach?: () => number;
}

/** Largest delay accepted by `setTimeout`. */
const MAX_REAL_DELAY = 2 ** 31 - 1;

/**
 * Timers on the service's virtual clock. Every timer fires when the clock reaches its due
 * time (a real timer is armed for the earliest one). With time skipping, the scheduler also
 * jumps the clock to the earliest timer when its gate allows it (the execution that owns it
 * is idle; nobody may still answer a callback) and no short service task is pending. The jump
 * happens one macrotask later, so code reacting to the last checkpoint still runs first.
 * The clock only moves forward, so a gated earliest timer holds every later one back.
 *
 * Only the real timers of `node:timers` are used (fake timers cannot stall the service), and
 * `close()` clears them.
 */
export class Scheduler {
  private readonly heap: Timer[] = [];
  private seq = 0;
  private activeWork = 0;
  private realTimer: ReturnType<typeof setTimeout> | undefined;
  private realTimerDue = Infinity;
  private jumpPending: ReturnType<typeof setImmediate> | undefined;
  private gateRetry: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  /**
   * @param clock the virtual clock the timers run on
   * @param skipTime whether to jump over idle time
   * @param onAdvance called after the clock moved and due timers fired (e.g. retention sweeps)
   */
  constructor(
    private readonly clock: VirtualClock,
    private readonly skipTime: boolean,
    private readonly onAdvance: () => void = () => {},
  ) {}

  /** Schedules `fn` at virtual time `due` (epoch ms); see {@link TimerOptions}. */
  schedule(due: number, fn: () => void, options: TimerOptions = {}): TimerHandle {
    const timer: Timer = {
      due,
      seq: this.seq++,
      fn,
      gate: options.gate,
      group: options.group,
      reach: options.reach,
      cancelled: false,
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

  /** Marks the start of a short service task during which the clock must not jump. */
  beginWork(): void {
    this.activeWork++;
  }

  /** Marks the end of work started with {@link beginWork}. */
  endWork(): void {
    this.activeWork--;
    if (this.activeWork < 0) this.activeWork = 0;
    if (this.activeWork === 0) this.arm();
  }

  /** Asks the gates again (an execution went idle, or something else a gate reads changed). */
  kick(): void {
    this.arm();
  }

  /** Drops every timer and releases the real timers. */
  close(): void {
    this.closed = true;
    this.heap.length = 0;
    if (this.realTimer) realTimers.clearTimeout(this.realTimer);
    if (this.jumpPending) realTimers.clearImmediate(this.jumpPending);
    if (this.gateRetry) realTimers.clearTimeout(this.gateRetry);
    this.realTimer = undefined;
    this.jumpPending = undefined;
    this.gateRetry = undefined;
  }

  private arm(): void {
    if (this.closed) return;
    this.dropCancelledHead();
    const head = this.heap[0];
    if (!head) {
      if (this.realTimer) realTimers.clearTimeout(this.realTimer);
      this.realTimer = undefined;
      this.realTimerDue = Infinity;
      return;
    }
    if (this.skipTime && this.activeWork === 0 && !this.jumpPending) {
      this.jumpPending = realTimers.setImmediate(() => {
        this.jumpPending = undefined;
        this.jump();
      });
    }
    if (head.due < this.realTimerDue || !this.realTimer) {
      if (this.realTimer) realTimers.clearTimeout(this.realTimer);
      const delay = Math.min(Math.max(0, head.due - this.clock.now()), MAX_REAL_DELAY);
      this.realTimerDue = head.due;
      this.realTimer = realTimers.setTimeout(() => {
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
    const wait = head.gate ? head.gate() : 0;
    if (wait > 0) {
      if (Number.isFinite(wait)) this.retryGateAfter(wait);
      return;
    }
    this.clock.advanceTo(this.jumpTarget(head));
    this.fireDue();
    this.arm();
  }

  /**
   * Where a jump to `head` lands: `head.due`, or the due time of the last timer of its group
   * within its reach, provided every timer met on the way, in due order, is of the group too
   * (a jump never passes a timer whose own gate was not asked).
   */
  private jumpTarget(head: Timer): number {
    const reach = head.reach?.() ?? 0;
    if (!head.group || !(reach > 0)) return head.due;
    const limit = head.due + reach;
    const window = this.heap.filter((t) => !t.cancelled && t.due <= limit && t !== head);
    window.sort((a, b) => (this.less(a, b) ? -1 : 1));
    let target = head.due;
    for (const timer of window) {
      if (timer.group !== head.group) break;
      target = timer.due;
    }
    return target;
  }

  private retryGateAfter(ms: number): void {
    if (this.gateRetry) realTimers.clearTimeout(this.gateRetry);
    this.gateRetry = realTimers.setTimeout(
      () => {
        this.gateRetry = undefined;
        this.arm();
      },
      Math.min(Math.max(1, Math.ceil(ms)), MAX_REAL_DELAY),
    );
  }

  private fireDue(): void {
    const now = this.clock.now();
    for (;;) {
      this.dropCancelledHead();
      const head = this.heap[0];
      if (!head || head.due > now) break;
      this.pop();
      head.cancelled = true;
      head.fn();
    }
    this.onAdvance();
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
