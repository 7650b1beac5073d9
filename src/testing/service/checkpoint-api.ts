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
import { copyOperation, type ExecutionRecord, type InvocationRecord } from "./execution-record";
import { decodeCheckpointToken, encodeCheckpointToken } from "./identifiers";
import { cancelWaitTimer, scheduleRetry, startWaitTimer } from "./operation-timers";
import { markerPosition, pageSize } from "./paging";
import type { ServiceCore } from "./service-core";
import { invalidToken } from "./service-errors";
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

/**
 * Checks a checkpoint token against the execution's running invocation. `exact` demands the
 * latest token (checkpoints); otherwise any token issued so far is accepted (state reads).
 */
function checkToken(exec: ExecutionRecord, token: unknown, exact: boolean): InvocationRecord {
  if (typeof token !== "string" || token.length === 0)
    throw invalidToken("a checkpoint token is required.");
  const data = decodeCheckpointToken(token);
  if (!data) throw invalidToken("the token is malformed.");
  if (data.executionId !== exec.id) throw invalidToken("the token belongs to another execution.");
  if (exec.terminal) throw invalidToken("the execution has already ended.");
  const inv = exec.current;
  if (!inv || data.invocation !== inv.number)
    throw invalidToken("the token was issued to an earlier invocation.");
  if (!inv.active) throw invalidToken("the invocation the token was issued to has ended.");
  if (exact ? data.sequence !== inv.tokenSequence : data.sequence > inv.tokenSequence) {
    throw invalidToken(
      data.sequence < inv.tokenSequence
        ? "the token has already been used."
        : "the token was never issued.",
    );
  }
  return inv;
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
