/**
 * A resettable "something changed" signal: every `next()` promise resolves at the following
 * `notify()`. Used by `LocalDurableTestRunner.nextChange()`.
 *
 * @example
 * ```ts
 * const changes = new ChangeSignal();
 * const seen = changes.next();
 * changes.notify(); // seen resolves
 * ```
 */
export class ChangeSignal {
  private waiting: (() => void)[] = [];

  /** Resolves at the next {@link notify}. */
  next(): Promise<void> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Resolves every pending {@link next}. */
  notify(): void {
    if (this.waiting.length === 0) return;
    const waiting = this.waiting;
    this.waiting = [];
    for (const wake of waiting) wake();
  }
}
