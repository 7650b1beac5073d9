import { NonDeterministicExecutionError } from "../errors/internal-errors";
import type { Operation } from "../types/wire";
import type { OperationIdentity } from "./operation-identity";

/**
 * The non-determinism error for a call that does not match the record checkpointed at its
 * position (another type, name or subtype), or `undefined` when it matches.
 */
export function replayMismatch(
  existing: Operation,
  call: Pick<OperationIdentity, "type" | "name" | "subType">,
): NonDeterministicExecutionError | undefined {
  const [what, expected, actual] =
    existing.Type !== call.type
      ? ["type", existing.Type, call.type]
      : (existing.Name ?? undefined) !== call.name
        ? ["name", existing.Name, call.name]
        : (existing.SubType ?? undefined) !== call.subType
          ? ["subtype", existing.SubType, call.subType]
          : [];
  return what
    ? new NonDeterministicExecutionError(
        `[Unrecoverable Execution] Non-deterministic execution detected: Operation ${what} mismatch at operation ${existing.Id}: expected "${expected}", got "${actual}". Operations must be called in the same order on every replay.`,
      )
    : undefined;
}
