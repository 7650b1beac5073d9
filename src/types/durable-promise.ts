/**
 * A thenable that runs its executor the first time it is observed (`then`, `catch`,
 * `finally` or `await`) and keeps that one promise afterwards. Durable operations start
 * eagerly and hand their running promise to the executor; the promise combinators are
 * lazy and do their work in the executor.
 *
 * @example
 * ```ts
 * const later = context.step("report", buildReport); // nothing runs yet
 * if (wantReport) console.log(await later);         // runs now, when awaited
 * ```
 */
export class DurablePromise<T> implements Promise<T> {
  readonly #executor: () => Promise<T>;
  #promise: Promise<T> | undefined;

  constructor(executor: () => Promise<T>) {
    this.#executor = executor;
  }

  /**
   * Wraps an already running promise; its rejection is never reported as unhandled. With
   * `observed` (an observation gate), it opens the first time user code observes the promise.
   */
  static fromRunning<T>(running: Promise<T>, observed?: { open(): void }): DurablePromise<T> {
    running.catch(ignore);
    return new DurablePromise(() => {
      observed?.open();
      return running;
    });
  }

  #observe(): Promise<T> {
    if (!this.#promise) this.#promise = this.#executor();
    return this.#promise;
  }

  then<TResult1 = T, TResult2 = never>(
    onfulfilled?: ((value: T) => TResult1 | PromiseLike<TResult1>) | undefined | null,
    onrejected?: ((reason: unknown) => TResult2 | PromiseLike<TResult2>) | undefined | null,
  ): Promise<TResult1 | TResult2> {
    return this.#observe().then(onfulfilled, onrejected);
  }

  catch<TResult = never>(
    onrejected?: ((reason: unknown) => TResult | PromiseLike<TResult>) | undefined | null,
  ): Promise<T | TResult> {
    return this.#observe().catch(onrejected);
  }

  finally(onfinally?: (() => void) | undefined | null): Promise<T> {
    return this.#observe().finally(onfinally);
  }

  get [Symbol.toStringTag](): string {
    return "DurablePromise";
  }

  /** True once the executor has run. */
  get isExecuted(): boolean {
    return this.#promise !== undefined;
  }
}

/** A rejection handler that does nothing (one function for every operation). */
function ignore(): void {}
