import type { DurableContextCore, OperationIdentity } from "../context/durable-context-impl";
import type { ObservationGate } from "../context/durable-promise";
import { isFinishedStatus } from "../context/finished-status";
import type { Operation } from "../types/wire";

/**
 * Waits (letting the invocation suspend) until the service completes an operation it owns —
 * a callback or a chained invoke — and reports `onOperationEnd` to plugins. `live` says
 * whether this invocation saw the operation open; a completion found on replay is reported
 * with `isReplay` unless the service listed it as updated. The wait counts toward
 * suspension once `observed` opens (user code awaits the operation's result).
 */
export async function awaitServiceCompletion(
  ctx: DurableContextCore,
  op: OperationIdentity,
  live: boolean,
  observed: ObservationGate,
): Promise<Operation> {
  const { runtime } = ctx;
  const record = await runtime.waitForOperation(
    ctx,
    op.id,
    (o) => isFinishedStatus(o.Status),
    undefined,
    observed,
  );
  if (runtime.plugins.active) {
    const isReplay = !live && !runtime.updatedOperationIds.has(op.id);
    await runtime.opEnd(op, isReplay);
  }
  return record;
}
