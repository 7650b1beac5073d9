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
} from "../../types/wire";
import { realNow } from "../../timers/real-timers";
import { applyUpdates, type UpdateHost } from "./apply-updates";
import { startCallback } from "./callback-timers";
import { startChainedInvoke } from "./chained-invoke-start";
import { validateCheckpointUpdates } from "./checkpoint-validation";
import { rememberedResponse, rememberResponse } from "./client-token-cache";
import { completeExecution } from "./execution-completion";
import { copyOperation, type ExecutionRecord } from "./execution-record";
import { checkToken } from "./checkpoint-tokens";
import { encodeCheckpointToken } from "./identifiers";
import { cancelWaitTimer, scheduleRetry, startWaitTimer } from "./operation-timers";
import { markerPosition, pageSize } from "./paging";
import type { ServiceCore } from "./service-core";
import { statePage } from "./state-pages";

/** Serves the checkpoint and state calls of invocations. */
export class CheckpointApi {
  private readonly host: UpdateHost;

  constructor(private readonly core: ServiceCore) {
    this.host = {
      now: () => core.runtime.clock.date(),
      startWaitTimer: (exec, op, due) => startWaitTimer(core, exec, op, due),
      cancelWaitTimer,
      scheduleRetry: (exec, op, due) => scheduleRetry(core, exec, op, due),
      startCallback: (exec, op, options) => startCallback(core, exec, op, options),
      startChainedInvoke: (exec, op, update) => startChainedInvoke(core, exec, op, update),
      completeExecution: (exec, status, outcome) => completeExecution(core, exec, status, outcome),
    };
  }

  /** Applies a checkpoint and returns the next token with every operation changed since the last. */
  checkpoint(request: CheckpointDurableExecutionRequest): CheckpointDurableExecutionResponse {
    const { core } = this;
    const exec = core.store.requireInvokedExecution(request?.DurableExecutionArn);
    const clientToken = request.ClientToken;
    if (clientToken !== undefined) {
      const remembered = rememberedResponse(exec, clientToken, core.runtime.clock.now());
      if (remembered) return remembered;
    }
    const invocation = checkToken(exec, request.CheckpointToken, true);
    exec.lastActivity = realNow();
    const updates = request.Updates ?? [];
    validateCheckpointUpdates(updates, (id) => exec.operations.get(id), core.limits);
    for (const o of exec.observers) o.onCheckpoint?.(updates);
    const launches = exec.takeLaunches();
    const changed = applyUpdates(this.host, exec, updates);
    for (const launch of launches) launch();
    for (const id of exec.undelivered) changed.add(id);
    exec.undelivered.clear();
    invocation.tokenSequence++;
    const response: CheckpointDurableExecutionResponse = {
      CheckpointToken: encodeCheckpointToken({
        executionId: exec.id,
        invocation: invocation.number,
        sequence: invocation.tokenSequence,
      }),
      NewExecutionState: { Operations: operationsInOrder(exec, changed) },
    };
    if (clientToken !== undefined) {
      rememberResponse(exec, clientToken, core.runtime.clock.now(), response);
    }
    return response;
  }

  /** A page of the operations the invocation may see, in start order. */
  state(request: GetDurableExecutionStateRequest): GetDurableExecutionStateResponse {
    const exec = this.core.store.requireInvokedExecution(request?.DurableExecutionArn);
    checkToken(exec, request.CheckpointToken, false);
    const maxItems = pageSize(request.MaxItems, 0, 1000);
    return statePage(exec, markerPosition(request.Marker, "state", exec.id), maxItems);
  }
}

function operationsInOrder(exec: ExecutionRecord, ids: Set<string>): Operation[] {
  const ops: Operation[] = [];
  for (const id of ids) {
    const op = exec.operations.get(id);
    if (op) ops.push(op);
  }
  if (ops.length > 1)
    ops.sort((a, b) => (exec.position.get(a.Id) ?? 0) - (exec.position.get(b.Id) ?? 0));
  return ops.map(copyOperation);
}
