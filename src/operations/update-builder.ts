import type { OperationIdentity } from "./operation-identity";
import type { OperationAction, OperationUpdate } from "../types/wire";

/**
 * Builds an update for `op` carrying its id, parent, type, sub-type and name, as every
 * update of an operation repeats them, then the `extra` fields; undefined values are left out.
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
  for (const [key, value] of Object.entries({ ParentId: op.parentId, Name: op.name, ...extra })) {
    if (value !== undefined) update[key] = value;
  }
  return update as unknown as OperationUpdate;
}
