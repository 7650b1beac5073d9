import type { Operation, WireOperation } from "../types/wire";
import { normalizeOperation } from "./timestamps";

type Listener = (op: WireOperation) => void;

/**
 * How many envelope entries past the cursor a lookup scans before it uses the index: a replay
 * skips the operations of a child context that replays from its own record.
 */
const SCAN_AHEAD = 32;

/**
 * Every operation the invocation knows about, keyed by wire id. Operations waiting on the
 * service subscribe to an id and are woken when a checkpoint response changes it.
 *
 * Operations are kept as received (timestamps in any wire encoding: read them with `toDate`).
 * Those of the envelope are not even copied: a replay reads each once, and converting every
 * timestamp up front (two `Date` parses per operation) cost more than replaying the step.
 *
 * Nor are they indexed up front: a replay asks for them in the order the service recorded
 * them, so a lookup first scans the envelope from just before the operation found last. Only
 * when that fails is the envelope indexed by id; a hit there moves the scan on, so the
 * lookups after it are scans again. In an envelope of 100,000 operations building the index
 * and looking ids up in it (a cache miss each) cost more than the rest of the replay.
 */
export class ExecutionState {
  readonly #envelope: readonly WireOperation[];
  /** Index after the envelope operation found last. */
  #cursor = 0;
  /** Envelope index of each id, built on the first lookup the scan cannot answer. */
  #positions: Map<string, number> | undefined;
  /** The records checkpoint answers brought since the invocation began, by id. */
  readonly #merged = new Map<string, WireOperation>();
  readonly #listeners = new Map<string, Set<Listener>>();

  /** `initial`: the envelope's operations, in the service's order (one record per id). */
  constructor(initial: readonly WireOperation[]) {
    this.#envelope = initial;
  }

  /** Number of known operations (the EXECUTION operation included). */
  get size(): number {
    const positions = this.#index();
    let size = this.#envelope.length;
    for (const id of this.#merged.keys()) if (!positions.has(id)) size++;
    return size;
  }

  get(id: string): WireOperation | undefined {
    const merged = this.#merged.size === 0 ? undefined : this.#merged.get(id);
    return merged ?? this.#fromEnvelope(id);
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  /** All operations in the order they were first seen, timestamps as `Date`s (copies). */
  all(): Operation[] {
    const positions = this.#index();
    const merged = this.#merged;
    const ops = this.#envelope.map((op) => merged.get(op.Id) ?? op);
    for (const [id, op] of merged) if (!positions.has(id)) ops.push(op);
    return ops.map(normalizeOperation);
  }

  /**
   * Replaces the record of an operation with a copy of the service's, timestamps as `Date`s,
   * wakes its subscribers and returns the new record.
   */
  merge(wireOp: WireOperation): Operation {
    const op = normalizeOperation(wireOp);
    this.#merged.set(op.Id, op);
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
   * The envelope operation `id`. Looked for at the cursor (the next operation of a replay),
   * then in the two entries before it (read again by the operations that found them), then up
   * to {@link SCAN_AHEAD} entries on, else in the index. A hit past the cursor moves it on.
   */
  #fromEnvelope(id: string): WireOperation | undefined {
    const envelope = this.#envelope;
    const cursor = this.#cursor;
    if (envelope[cursor]?.Id === id) return envelope[this.#cursor++];
    for (let i = cursor - 1; i >= 0 && i >= cursor - 2; i--) {
      if (envelope[i].Id === id) return envelope[i];
    }
    const end = Math.min(cursor + SCAN_AHEAD, envelope.length);
    for (let i = cursor + 1; i < end; i++) {
      if (envelope[i].Id === id) return this.#foundAt(i);
    }
    const at = this.#index().get(id);
    return at === undefined ? undefined : this.#foundAt(at);
  }

  #foundAt(at: number): WireOperation {
    this.#cursor = at + 1;
    return this.#envelope[at];
  }

  /** The envelope index of each id (built once). */
  #index(): Map<string, number> {
    if (!this.#positions) {
      const positions = new Map<string, number>();
      this.#envelope.forEach((op, at) => positions.set(op.Id, at));
      this.#positions = positions;
    }
    return this.#positions;
  }
}
