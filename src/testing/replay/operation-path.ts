/**
 * Names operations for replay reports: each operation by kind, name and positional id, and its
 * place in the execution as the chain of enclosing contexts ("Map \"charge\" (2) > MapIteration (2-1)
 * > Step \"card\" (2-1-1)").
 */
import { childRawId, positionId } from "../../context/operation-id";
import type { Operation } from "../../types/wire";

/**
 * One operation as a replay report shows it.
 *
 * @example
 * ```ts
 * const op: ReplayOperation = { id: "c4ca4238a0b92382", position: "1", type: "STEP", subType: "Step", name: "charge" };
 * ```
 */
export interface ReplayOperation {
  /** Wire id. */
  id: string;
  /** Positional id ("2-1"), when it could be worked out. */
  position?: string;
  type: string;
  subType?: string;
  name?: string;
  /** Wire id of the enclosing context, if any. */
  parentId?: string;
}

/** Largest position searched for when working out the positional id of a recorded operation. */
const MAX_POSITION = 10_000;

/** Knows every operation by wire id, recorded or reached, and names their places. */
export class OperationPaths {
  readonly #byId = new Map<string, ReplayOperation>();

  constructor(recorded: readonly Operation[]) {
    for (const op of recorded) {
      if (op.Type === "EXECUTION") continue;
      this.#byId.set(op.Id, {
        id: op.Id,
        type: op.Type,
        ...(op.SubType ? { subType: op.SubType } : {}),
        ...(op.Name ? { name: op.Name } : {}),
        ...(op.ParentId ? { parentId: op.ParentId } : {}),
      });
    }
  }

  /** Notes what the new code called at a position (it wins over the recorded entry). */
  noteReached(op: ReplayOperation): void {
    this.#byId.set(op.id, op);
  }

  get(id: string): ReplayOperation | undefined {
    return this.#byId.get(id);
  }

  /** Positional id of an operation: known when reached, else searched among its parent's. */
  position(id: string): string | undefined {
    const op = this.#byId.get(id);
    if (!op) return undefined;
    if (op.position !== undefined) return op.position;
    const parentPosition = op.parentId === undefined ? undefined : this.position(op.parentId);
    if (op.parentId !== undefined && parentPosition === undefined) return undefined;
    for (let n = 1; n <= MAX_POSITION; n++) {
      if (positionId(parentPosition, n) === id) {
        op.position = childRawId(parentPosition, n);
        return op.position;
      }
    }
    return undefined;
  }

  /** "Map \"m\" (2) > MapIteration (2-1) > Step \"charge\" (2-1-1)". */
  path(id: string): string {
    const chain: string[] = [];
    const seen = new Set<string>();
    for (let at: string | undefined = id; at !== undefined && !seen.has(at);) {
      seen.add(at);
      const op = this.#byId.get(at);
      chain.unshift(op ? this.label(op) : `(id ${at})`);
      at = op?.parentId;
    }
    return chain.join(" > ");
  }

  /** `Step "charge" (2-1)`: kind, name and position (wire id when no position is known). */
  label(op: ReplayOperation): string {
    const kind = op.subType ?? op.type;
    const name = op.name === undefined ? "" : ` "${op.name}"`;
    return `${kind}${name} (${this.position(op.id) ?? `id ${op.id}`})`;
  }
}

/** `STEP "charge" (Step)`: what an operation is, for "recorded … / new code …" lines. */
export function describeOperation(op: ReplayOperation): string {
  const name = op.name === undefined ? "without a name" : `"${op.name}"`;
  return `${op.type} ${name}${op.subType ? ` (subtype ${op.subType})` : ""}`;
}
