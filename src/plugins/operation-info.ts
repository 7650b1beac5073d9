import { DurableOperationError } from "../errors/durable-operation-errors";
import type { ErrorObject, Operation } from "../types/wire";
import type { OperationInfo, PluginOperationStatus } from "./plugin-types";

/** Identity of an operation when no record exists yet. */
export interface OperationIdentityLike {
  id: string;
  name?: string;
  type: string;
  subType?: string;
  parentId?: string;
}

/** The first stored `Error` or `Result` among the operation's details (like a `??` chain). */
function stored(op: Operation, key: "Error" | "Result"): unknown {
  let value: unknown;
  for (const details of [
    op.StepDetails,
    op.ContextDetails,
    op.CallbackDetails,
    op.ChainedInvokeDetails,
  ]) {
    if ((value = (details as Record<string, unknown> | undefined)?.[key]) != null) break;
  }
  return value;
}

/** Builds the plugin view of an operation from its identity and its current record. */
export function toOperationInfo(
  identity: OperationIdentityLike,
  record: Operation | undefined,
  isReplay: boolean,
): OperationInfo {
  const info: OperationInfo = { id: identity.id, type: identity.type, isReplay };
  const name = record?.Name ?? identity.name;
  const subType = record?.SubType ?? identity.subType;
  const parentId = record?.ParentId ?? identity.parentId;
  if (name !== undefined) info.name = name;
  if (subType !== undefined) info.subType = subType;
  if (parentId !== undefined) info.parentId = parentId;
  if (!record) return info;
  info.status = record.Status as PluginOperationStatus;
  if (record.StartTimestamp) info.startTimestamp = record.StartTimestamp;
  if (record.EndTimestamp) info.endTimestamp = record.EndTimestamp;
  const result = stored(record, "Result") as string | undefined;
  if (result !== undefined) info.result = result;
  const error = stored(record, "Error") as ErrorObject | undefined;
  if (error) info.error = DurableOperationError.fromErrorObject(error);
  if (record.StepDetails?.Attempt !== undefined) info.attempt = record.StepDetails.Attempt;
  return info;
}

/** Plugin views of many records, keyed by id (`isReplay` false unless a predicate is given). */
export function toOperationInfoMap(
  records: Iterable<Operation>,
  isReplay: (id: string) => boolean = () => false,
): Record<string, OperationInfo> {
  const map: Record<string, OperationInfo> = {};
  for (const record of records) {
    map[record.Id] = toOperationInfo(
      { id: record.Id, type: record.Type },
      record,
      isReplay(record.Id),
    );
  }
  return map;
}
