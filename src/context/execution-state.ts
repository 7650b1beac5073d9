import type { Operation, WireOperation } from "../types/wire";
import { normalizeOperation } from "./timestamps";

type Listener = (op: Operation) => void;

/**
 * Every operation the invocation knows about, keyed by wire id. Operations waiting on the
 * service subscribe to an id and are woken when a checkpoint response changes it.
 */
export class ExecutionState {
  readonly #operations = new Map<string, Operation>();
  readonly #listeners = new Map<string, Set<Listener>>();

  constructor(initial: readonly WireOperation[]) {
    for (const op of initial) this.#operations.set(op.Id, normalizeOperation(op));
  }

  /** Number of known operations (the EXECUTION operation included). */
  get size(): number {
    return this.#operations.size;
  }

  get(id: string): Operation | undefined {
    return this.#operations.get(id);
  }

  has(id: string): boolean {
    return this.#operations.has(id);
  }

  /** All operations in the order they were first seen. */
  all(): Operation[] {
    return [...this.#operations.values()];
  }

  /** Replaces the record of an operation with the service's copy and wakes its subscribers. */
  merge(wireOp: WireOperation): void {
    const op = normalizeOperation(wireOp);
    this.#operations.set(op.Id, op);
    const subscribers = this.#listeners.get(op.Id);
    if (subscribers) for (const listener of [...subscribers]) listener(op);
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
