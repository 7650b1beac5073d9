/**
 * The two calls an invocation makes: `CheckpointDurableExecution`
 * (idempotency, token check, batch validation, applying updates, the next token) and
 * `GetDurableExecutionState` (paged operations).
 */
import type {
  CheckpointDurableExecutionRequest,
  CheckpointDurableExecutionResponse,
  GetDurableExecutionStateRequest,
  GetDurableExecutionStateResponse,
  Operation,
} from "../../../types/wire";
import { applyUpdates, type UpdateHost } from "../state/apply-updates";
import { startCallback } from "../timers/callback-timers";
import { startChainedInvoke } from "../invocation/chained-invoke-start";
import { validateCheckpointUpdates } from "../protocol/checkpoint-validation";
import { rememberedResponse, rememberResponse } from "../protocol/client-token-cache";
import { completeExecution } from "../state/execution-completion";
import { copyOperation, type ExecutionRecord } from "../state/execution-record";
import { checkToken } from "../protocol/checkpoint-tokens";
import { encodeCheckpointToken } from "../protocol/identifiers";
import { scheduleRetry, startWaitTimer } from "../timers/operation-timers";
import { markerPosition, pageSize } from "../protocol/paging";
import type { ServiceCore } from "../service-core";
import { statePage } from "./state-pages";

/** `CheckpointDurableExecution`: applies a checkpoint and returns the next token with every operation changed since the last. */
export function checkpoint(
  core: ServiceCore,
  request: CheckpointDurableExecutionRequest,
): CheckpointDurableExecutionResponse {
  const exec = core.store.requireInvokedExecution(request?.DurableExecutionArn);
  const clientToken = request.ClientToken;
  if (clientToken !== undefined) {
    const remembered = rememberedResponse(exec, clientToken, core.runtime.clock.now());
    if (remembered) return remembered;
  }
  const invocation = checkToken(exec, request.CheckpointToken, true);
  exec.noteActivity();
  const updates = request.Updates ?? [];
  validateCheckpointUpdates(updates, (id) => exec.operations.get(id), core.limits);
  for (const o of exec.observers) o.onCheckpoint?.(updates);
  const launches = exec.takeLaunches();
  const changed = applyUpdates(updateHost(core), exec, updates);
  for (const launch of launches) launch();
  for (const id of exec.takeUndelivered()) changed.add(id);
  const response: CheckpointDurableExecutionResponse = {
    CheckpointToken: encodeCheckpointToken({
      executionId: exec.id,
      invocation: invocation.number,
      sequence: invocation.nextToken(),
    }),
    NewExecutionState: { Operations: operationsInOrder(exec, changed) },
  };
  if (clientToken !== undefined) {
    rememberResponse(exec, clientToken, core.runtime.clock.now(), response);
  }
  return response;
}

/** `GetDurableExecutionState`: a page of the operations the invocation may see, in start order. */
export function executionState(
  core: ServiceCore,
  request: GetDurableExecutionStateRequest,
): GetDurableExecutionStateResponse {
  const exec = core.store.requireInvokedExecution(request?.DurableExecutionArn);
  checkToken(exec, request.CheckpointToken, false);
  const maxItems = pageSize(request.MaxItems, 0, 1000);
  return statePage(exec, markerPosition(request.Marker, "state", exec.id), maxItems);
}

/** What the update logic may ask of the service. */
function updateHost(core: ServiceCore): UpdateHost {
  return {
    now: () => core.runtime.clock.date(),
    startWaitTimer: (exec, op, due) => startWaitTimer(core, exec, op, due),
    scheduleRetry: (exec, op, due) => scheduleRetry(core, exec, op, due),
    startCallback: (exec, op, options) => startCallback(core, exec, op, options),
    startChainedInvoke: (exec, op, update) => startChainedInvoke(core, exec, op, update),
    completeExecution: (exec, status, outcome) => completeExecution(core, exec, status, outcome),
  };
}

function operationsInOrder(exec: ExecutionRecord, ids: Set<string>): Operation[] {
  const ops: Operation[] = [];
  for (const id of ids) {
    const op = exec.operations.get(id);
    if (op) ops.push(op);
  }
  if (ops.length > 1) ops.sort((a, b) => exec.positionOf(a.Id) - exec.positionOf(b.Id));
  return ops.map(copyOperation);
}
