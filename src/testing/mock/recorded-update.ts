/** The view of one checkpointed operation update that the mock client records. */
import type {
  ErrorObject,
  OperationAction,
  OperationType,
  OperationUpdate,
} from "../../types/wire";

/**
 * One operation update the SDK sent, as recorded by {@link MockDurableExecutionClient}.
 * Field names are camelCase; `raw` keeps the update exactly as it was sent.
 *
 * @example
 * ```ts
 * const waits = client.updates.filter((u: RecordedUpdate) => u.type === "WAIT" && u.action === "START");
 * ```
 */
export interface RecordedUpdate {
  /** Which invocation of the mock client sent it (0 for the first `invoke`). */
  invocation: number;
  /** Operation id (a hash of the operation's position, as on the wire). */
  id: string;
  /** Id of the parent operation (a child context, map or parallel), if any. */
  parentId: string | undefined;
  /** Name given to the operation, if any. */
  name: string | undefined;
  /** `STEP`, `WAIT`, `CALLBACK`, `CONTEXT`, `CHAINED_INVOKE` or `EXECUTION`. */
  type: OperationType | undefined;
  /** Finer kind (for example `Map`, `Parallel`, `WaitForCallback`), if any. */
  subType: string | undefined;
  /** `START`, `SUCCEED`, `FAIL`, `RETRY` or `CANCEL`. */
  action: OperationAction | undefined;
  /** The serialized payload (a step result, a context result), if any. */
  payload: string | undefined;
  /** The payload parsed as JSON; the raw string when it is not JSON; `undefined` when absent. */
  result: unknown;
  /** The error record of a `FAIL` or `RETRY`, if any. */
  error: ErrorObject | undefined;
  /** The update exactly as sent. */
  raw: OperationUpdate;
}

/** Parses a payload written by the default serdes; other payloads are returned as they are. */
export function parsePayload(payload: string | undefined): unknown {
  if (payload === undefined) return undefined;
  try {
    return JSON.parse(payload);
  } catch {
    return payload;
  }
}

/** Builds the recorded view of one update. */
export function recordUpdate(update: OperationUpdate, invocation: number): RecordedUpdate {
  return {
    invocation,
    id: update.Id ?? "",
    parentId: update.ParentId,
    name: update.Name,
    type: update.Type,
    subType: update.SubType,
    action: update.Action,
    payload: update.Payload,
    result: parsePayload(update.Payload),
    error: update.Error,
    raw: structuredClone(update),
  };
}
