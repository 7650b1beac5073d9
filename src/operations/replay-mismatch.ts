import { NonDeterministicExecutionError } from "../errors/internal-errors";
import type { WireOperation } from "../types/wire";
import type { OperationIdentity } from "./operation-identity";

/**
 * The non-determinism error for a call that does not match the record checkpointed at its
 * position (another type, name or subtype), or `undefined` when it matches. Every replayed
 * operation passes through here: a match allocates nothing.
 */
export function replayMismatch(
  existing: WireOperation,
  call: Pick<OperationIdentity, "type" | "name" | "subType">,
): NonDeterministicExecutionError | undefined {
  const field =
    existing.Type !== call.type
      ? "Type"
      : (existing.Name ?? undefined) !== call.name
        ? "Name"
        : (existing.SubType ?? undefined) !== call.subType
          ? "SubType"
          : undefined;
  if (!field) return undefined;
  const actual = field === "Type" ? call.type : field === "Name" ? call.name : call.subType;
  return new NonDeterministicExecutionError(
    `[Unrecoverable Execution] Non-deterministic execution detected: Operation ${field.toLowerCase()} mismatch at operation ${existing.Id}: expected "${existing[field]}", got "${actual}". Operations must be called in the same order on every replay.`,
  );
}
