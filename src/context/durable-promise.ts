import { DurablePromise } from "../types/durable-promise";

/** A plain promise that never settles, for work whose outcome must never be observed. */
export function never<T = never>(): Promise<T> {
  return new Promise<T>(() => undefined);
}

/** A durable promise that never settles, for calls that failed the execution. */
export function stalled<T>(): DurablePromise<T> {
  return new DurablePromise(() => never<T>());
}

/**
 * Opens when user code first observes (awaits, `then`s or combines) an operation's promise.
 * Operations that wait on the service count toward suspension only from then on: an
 * un-awaited wait, callback or invoke never suspends the invocation by itself.
 */
export class ObservationGate {
  #open = false;
  #listeners: (() => void)[] = [];

  /** Marks the promise as observed and runs the listeners once. */
  open(): void {
    if (this.#open) return;
    this.#open = true;
    for (const listener of this.#listeners) listener();
    this.#listeners = [];
  }

  /** Runs `listener` when the gate opens (at once if it already is open). */
  whenOpen(listener: () => void): void {
    if (this.#open) listener();
    else this.#listeners.push(listener);
  }
}
