/** The pending `waitForData` calls of one runner, settled as its run makes progress or ends. */
import type { DataWaiter } from "./operation-handle";

/** A runner's parked `waitForData` promises. *
 * @example
 * ```ts
 * const waiters = new DataWaiters();
 * waiters.add({ handle, status, resolve, reject, error });
 * waiters.check(); // after each update
 * waiters.settleAll(); // when the run ends
 * ```
 */
export class DataWaiters {
  private waiters: DataWaiter[] = [];

  /** Parks a waiter until {@link check} finds it satisfied or {@link settleAll} ends it. */
  add(waiter: DataWaiter): void {
    this.waiters.push(waiter);
  }

  /** Resolves every waiter whose handle now has the data it asked for. */
  check(): void {
    if (this.waiters.length === 0) return;
    const still: DataWaiter[] = [];
    for (const w of this.waiters) {
      if (w.handle.isSatisfied(w.status)) w.resolve();
      else still.push(w);
    }
    this.waiters = still;
  }

  /** Resolves the satisfied waiters and rejects the rest (the run ended or was reset). */
  settleAll(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) {
      if (w.handle.isSatisfied(w.status)) w.resolve();
      else w.reject(w.error);
    }
  }
}
