import type { ErrorObject } from "../types/wire";

/** Why an invocation stops before the handler settles. */
export type Termination =
  { kind: "PENDING" } | { kind: "FAILED"; error: ErrorObject } | { kind: "THROW"; error: unknown };

/** A one-shot signal that ends the invocation early (suspension or a fatal fault). */
export class TerminationSignal {
  #resolveSignal!: (termination: Termination) => void;
  #current: Termination | undefined;
  /** Settles with the first termination requested. */
  readonly promise: Promise<Termination>;

  constructor() {
    this.promise = new Promise((resolve) => {
      this.#resolveSignal = resolve;
    });
  }

  /** Requests termination; later requests are ignored. */
  terminate(termination: Termination): void {
    if (this.#current) return;
    this.#current = termination;
    this.#resolveSignal(termination);
  }

  /** The termination requested so far, if any. */
  get reason(): Termination | undefined {
    return this.#current;
  }
}
