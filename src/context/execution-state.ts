import type { Operation, WireOperation } from "../types/wire";
import { normalizeOperation } from "./timestamps";

type Listener = (op: WireOperation) => void;

/**
 * Every operation the invocation knows about, keyed by wire id. Operations waiting on the
 * service subscribe to an id and are woken when a checkpoint response changes it.
 *
 * Operations are kept as received (timestamps in any wire encoding: read them with `toDate`).
 * Those of the envelope are not even copied: a replay reads each once, and converting every
 * timestamp up front (two `Date` parses per operation) cost more than replaying the step.
 */
export class ExecutionState {
  readonly #operations = new Map<string, WireOperation>();
  readonly #listeners = new Map<string, Set<Listener>>();

  constructor(initial: readonly WireOperation[]) {
    for (const op of initial) this.#operations.set(op.Id, op);
  }

  /** Number of known operations (the EXECUTION operation included). */
  get size(): number {
    return this.#operations.size;
  }

  get(id: string): WireOperation | undefined {
    return this.#operations.get(id);
  }

  has(id: string): boolean {
    return this.#operations.has(id);
  }

  /** All operations in the order they were first seen, timestamps as `Date`s (copies). */
  all(): Operation[] {
    return Array.from(this.#operations.values(), normalizeOperation);
  }

  /**
   * Replaces the record of an operation with a copy of the service's, timestamps as `Date`s,
   * wakes its subscribers and returns the new record.
   */
  merge(wireOp: WireOperation): Operation {
    const op = normalizeOperation(wireOp);
    this.#operations.set(op.Id, op);
    const subscribers = this.#listeners.get(op.Id);
    if (subscribers) for (const listener of [...subscribers]) listener(op);
    return op;
  }

  /** Calls `listener` on every later change of operation `id`; returns the unsubscribe function. */
  subscribe(id: string, listener: Listener): () => void {
    let set = this.#listeners.get(id);
    if (!set) {
      set = new Set();
      this.#listeners.set(id, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.#listeners.delete(id);
    };
  }
}
