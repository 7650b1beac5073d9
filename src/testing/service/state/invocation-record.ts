/**
 * One invocation of the function for an execution: the only checkpoint token it may use next,
 * how many checkpoint calls it made, and its crash switch (fault injection).
 */
import type { ErrorObject } from "../../../types/wire";

/**
 * One invocation of an execution's function. It is active from its start until
 * {@link InvocationRecord.end}; {@link InvocationRecord.kill} crashes it while it is active.
 */
export class InvocationRecord {
  #active = true;
  #tokenSequence = 0;
  #checkpoints = 0;
  #killed = false;
  #end: Date | undefined;
  readonly #killListeners: (() => void)[] = [];
  #resolveKilled!: (error: ErrorObject) => void;
  /** Settles with the error Lambda reports when the invocation is killed; never otherwise. */
  readonly whenKilled: Promise<ErrorObject> = new Promise((resolve) => {
    this.#resolveKilled = resolve;
  });

  /**
   * @param number 1-based number within the execution
   * @param requestId the Lambda request id of the invocation
   * @param start virtual time at which it started
   */
  constructor(
    readonly number: number,
    readonly requestId: string,
    readonly start: Date,
  ) {}

  /** False once the invocation returned, failed or was killed. */
  get active(): boolean {
    return this.#active;
  }

  /** Sequence number of the only valid checkpoint token. */
  get tokenSequence(): number {
    return this.#tokenSequence;
  }

  /** True once fault injection killed the invocation. */
  get killed(): boolean {
    return this.#killed;
  }

  /** Issues the next checkpoint token (the previous one is spent); returns its sequence number. */
  nextToken(): number {
    return ++this.#tokenSequence;
  }

  /** Counts a checkpoint call; returns its 1-based number within the invocation. */
  countCheckpoint(): number {
    return ++this.#checkpoints;
  }

  /** Marks the invocation ended at virtual time `at` (its tokens are no longer accepted). */
  end(at: Date): void {
    this.#active = false;
    this.#end = at;
  }

  /** Virtual milliseconds from its start to its end; undefined while it runs. */
  get span(): number | undefined {
    return this.#end && this.#end.getTime() - this.start.getTime();
  }

  /** Calls `listener` when the invocation is killed (e.g. an isolated handler stops its worker). */
  onKilled(listener: () => void): void {
    this.#killListeners.push(listener);
  }

  /** Crash simulation: the invocation dies with `Runtime.ExitError`. No-op once it ended. */
  kill(): void {
    if (!this.#active || this.#killed) return;
    this.#killed = true;
    for (const listener of this.#killListeners) listener();
    this.#resolveKilled({
      ErrorType: "Runtime.ExitError",
      ErrorMessage: `RequestId: ${this.requestId} Error: Runtime exited without providing a reason`,
    });
  }
}
