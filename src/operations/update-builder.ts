import type { OperationIdentity } from "../context/durable-context-impl";
import type { OperationAction, OperationUpdate } from "../types/wire";

/**
 * Builds an update for `op` carrying its id, parent, type, sub-type and name, as every
 * update of an operation repeats them.
 */
export function updateFor(
  op: OperationIdentity,
  action: OperationAction,
  extra: Partial<OperationUpdate> = {},
): OperationUpdate {
  const update: OperationUpdate = { Id: op.id, Type: op.type, SubType: op.subType, Action: action };
  if (op.parentId !== undefined) update.ParentId = op.parentId;
  if (op.name !== undefined) update.Name = op.name;
  return Object.assign(update, extra);
}
