import type { OperationType } from "../types/wire";

/** Identity of one durable operation: where it sits and what it is. */
export interface OperationIdentity {
  /** Positional id ("2", "1-3"). */
  readonly rawId: string;
  /** Wire id (hash of the raw id). */
  readonly id: string;
  /** Wire id of the nearest checkpointed enclosing context. */
  readonly parentId: string | undefined;
  readonly name: string | undefined;
  readonly type: OperationType;
  readonly subType: string;
}
