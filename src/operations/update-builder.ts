import type { OperationIdentity } from "./operation-identity";
import type { OperationAction, OperationUpdate } from "../types/wire";

/**
 * Builds an update for `op` carrying its id, parent, type, sub-type and name, as every
 * update of an operation repeats them, then the `extra` fields (never the identity ones);
 * undefined values are left out.
 */
export function updateFor(
  op: OperationIdentity,
  action: OperationAction,
  extra: Partial<OperationUpdate> = {},
): OperationUpdate {
  const update: Record<string, unknown> = {
    Id: op.id,
    Type: op.type,
    SubType: op.subType,
    Action: action,
  };
  if (op.parentId !== undefined) update.ParentId = op.parentId;
  if (op.name !== undefined) update.Name = op.name;
  for (const key in extra) {
    const value = extra[key as keyof OperationUpdate];
    if (value !== undefined) update[key] = value;
  }
  return update as unknown as OperationUpdate;
}
