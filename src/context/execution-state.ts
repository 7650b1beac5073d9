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
 *
 * Nor are they indexed up front: a replay asks for them in the order the service recorded
 * them, so a lookup first tries the envelope around the operation found last. The index by
 * id is built on the first lookup that misses there; in an envelope of 100,000 operations
 * building it and looking ids up in it (a cache miss each) cost more than the rest of the
 * replay.
 */
export class ExecutionState {
  readonly #envelope: readonly WireOperation[];
  /** Index after the envelope operation found last. */
  #cursor = 0;
  /** Before {@link #index}: the records merged since. After: every operation by id. */
  #operations = new Map<string, WireOperation>();
  #indexed = false;
  readonly #listeners = new Map<string, Set<Listener>>();

  /** `initial`: the envelope's operations, in the service's order (one record per id). */
  constructor(initial: readonly WireOperation[]) {
    this.#envelope = initial;
  }

  /** Number of known operations (the EXECUTION operation included). */
  get size(): number {
    return this.#index().size;
  }

  get(id: string): WireOperation | undefined {
    if (this.#indexed) return this.#operations.get(id);
    const merged = this.#operations.size === 0 ? undefined : this.#operations.get(id);
    return merged ?? this.#nearCursor(id) ?? this.#index().get(id);
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  /** All operations in the order they were first seen, timestamps as `Date`s (copies). */
  all(): Operation[] {
    return Array.from(this.#index().values(), normalizeOperation);
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

  /**
   * The envelope operation `id` when it is one of the two before the cursor (read again by
   * the operation that found it) or the two after it (the next ones in a replay).
   */
  #nearCursor(id: string): WireOperation | undefined {
    const envelope = this.#envelope;
    const end = Math.min(this.#cursor + 2, envelope.length);
    for (let i = Math.max(this.#cursor - 2, 0); i < end; i++) {
      const op = envelope[i];
      if (op.Id === id) {
        if (i >= this.#cursor) this.#cursor = i + 1;
        return op;
      }
    }
    return undefined;
  }

  /** Every operation by id: the envelope's, then those merged since, in order of arrival. */
  #index(): Map<string, WireOperation> {
    if (!this.#indexed) {
      const merged = this.#operations;
      this.#operations = new Map();
      for (const op of this.#envelope) this.#operations.set(op.Id, op);
      for (const [id, op] of merged) this.#operations.set(id, op);
      this.#indexed = true;
    }
    return this.#operations;
  }
}
