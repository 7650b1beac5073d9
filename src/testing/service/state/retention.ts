/**
 * Retention of finished executions (PROTOCOL §6.10): an execution is forgotten
 * `RetentionPeriodInDays` after it ended, on the service clock. Expiry never makes the clock
 * jump by itself (it is not a reason to skip time); it happens when the clock gets there,
 * in real time or because a jump for some other timer passed it.
 */
import { realTimers } from "../../../timers/real-timers";
import type { ExecutionRecord } from "./execution-record";

const DAY_MS = 86_400_000;
/** Largest delay accepted by `setTimeout`. */
const MAX_REAL_DELAY = 2 ** 31 - 1;

/**
 * Finished executions by expiry time. Executions end in clock order, so one FIFO per
 * retention length stays sorted and every operation is O(1) amortised.
 *
 * @example
 * ```ts
 * const retention = new RetentionQueue(() => clock.now(), (exec) => store.remove(exec));
 * retention.add(exec); // when it ends
 * retention.sweep();   // after the clock moved
 * ```
 */
export class RetentionQueue {
  private readonly queues = new Map<number, { items: ExecutionRecord[]; head: number }>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timerDue = Infinity;
  private closed = false;

  /**
   * @param now the service clock (epoch ms)
   * @param expire forgets one execution
   */
  constructor(
    private readonly now: () => number,
    private readonly expire: (exec: ExecutionRecord) => void,
  ) {}

  /** Number of finished executions still kept. */
  get size(): number {
    let n = 0;
    for (const q of this.queues.values()) n += q.items.length - q.head;
    return n;
  }

  /** Starts the retention period of an execution that just ended. */
  add(exec: ExecutionRecord): void {
    if (this.closed) return;
    let q = this.queues.get(exec.retentionDays);
    if (!q) this.queues.set(exec.retentionDays, (q = { items: [], head: 0 }));
    q.items.push(exec);
    this.arm();
  }

  /** Forgets every execution whose retention period is over. */
  sweep(): void {
    if (this.closed) return;
    const now = this.now();
    for (const [days, q] of this.queues) {
      while (q.head < q.items.length && expiry(q.items[q.head], days) <= now) {
        this.expire(q.items[q.head]);
        q.head++;
      }
      if (q.head > 1024 && q.head * 2 > q.items.length) {
        q.items.splice(0, q.head);
        q.head = 0;
      }
    }
    this.arm();
  }

  /** Stops the real timer. */
  close(): void {
    this.closed = true;
    if (this.timer) realTimers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(): void {
    let next = Infinity;
    for (const [days, q] of this.queues) {
      if (q.head < q.items.length) next = Math.min(next, expiry(q.items[q.head], days));
    }
    if (next === this.timerDue && this.timer) return;
    if (this.timer) realTimers.clearTimeout(this.timer);
    this.timer = undefined;
    this.timerDue = next;
    if (next === Infinity) return;
    const delay = Math.min(Math.max(0, next - this.now()), MAX_REAL_DELAY);
    this.timer = realTimers.setTimeout(() => {
      this.timer = undefined;
      this.timerDue = Infinity;
      this.sweep();
    }, delay);
    this.timer.unref?.();
  }
}

function expiry(exec: ExecutionRecord, days: number): number {
  return (exec.end as Date).getTime() + days * DAY_MS;
}
