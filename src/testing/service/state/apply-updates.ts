/**
 * Applies a validated batch of operation updates to an execution:
 * sets statuses and the fields the service fills, records one history event per update,
 * and asks the host to start timers, callbacks and chained invokes.
 */
import type { CallbackOptions, ErrorObject, Operation, OperationUpdate } from "../../../types/wire";
import type { ExecutionRecord } from "./execution-record";
import { copyError, errorOf, payloadOf } from "./history-event";
import { endOperation, recordOperationEvent } from "./operation-events";
import type { FinalExecutionStatus } from "../api/execution-status";

/** What the service provides to the update logic. */
export interface UpdateHost {
  /** Current virtual time. */
  now(): Date;
  /** Arms the timer that completes a wait at `due` (epoch ms). */
  startWaitTimer(exec: ExecutionRecord, op: Operation, due: number): void;
  /** Arms the timer that moves a step from PENDING to READY at `due` (epoch ms). */
  scheduleRetry(exec: ExecutionRecord, op: Operation, due: number): void;
  /** Mints a callback id and arms its timeout and heartbeat timers. */
  startCallback(exec: ExecutionRecord, op: Operation, options: CallbackOptions | undefined): string;
  /** Starts the target of a chained invoke; returns what the ChainedInvokeStarted event reports. */
  startChainedInvoke(
    exec: ExecutionRecord,
    op: Operation,
    update: OperationUpdate,
  ): { ExecutedVersion?: string; DurableExecutionArn?: string };
  /** Ends the execution. */
  completeExecution(
    exec: ExecutionRecord,
    status: FinalExecutionStatus,
    outcome: { result?: string; error?: ErrorObject },
  ): void;
}

/**
 * Applies `updates` (already validated) and returns the ids of the operations they changed.
 */
export function applyUpdates(
  host: UpdateHost,
  exec: ExecutionRecord,
  updates: readonly OperationUpdate[],
): Set<string> {
  const changed = new Set<string>();
  for (const u of updates) {
    const now = host.now();
    if (u.Type === "EXECUTION") {
      const op = exec.executionOperation;
      if (u.Action === "SUCCEED") host.completeExecution(exec, "SUCCEEDED", { result: u.Payload });
      else
        host.completeExecution(exec, "FAILED", { error: u.Error ? copyError(u.Error) : undefined });
      changed.add(op.Id);
      continue;
    }
    let op = exec.operations.get(u.Id as string);
    if (!op) {
      const created: Partial<Operation> = { Id: u.Id as string };
      if (u.ParentId !== undefined) created.ParentId = u.ParentId;
      if (u.Name !== undefined) created.Name = u.Name;
      created.Type = u.Type as Operation["Type"];
      if (u.SubType !== undefined) created.SubType = u.SubType;
      created.Status = "STARTED";
      created.StartTimestamp = now;
      op = created as Operation;
      exec.addOperation(op);
    }
    applyOne(host, exec, op, u, now);
    changed.add(op.Id);
    exec.notifyOperation(op);
  }
  return changed;
}

function applyOne(
  host: UpdateHost,
  exec: ExecutionRecord,
  op: Operation,
  u: OperationUpdate,
  now: Date,
): void {
  switch (op.Type) {
    case "STEP":
      return applyStep(host, exec, op, u, now);
    case "CONTEXT":
      return applyContext(exec, op, u, now);
    case "WAIT":
      return applyWait(host, exec, op, u, now);
    case "CALLBACK": {
      const callbackId = host.startCallback(exec, op, u.CallbackOptions);
      op.CallbackDetails = { CallbackId: callbackId };
      const details: { CallbackId: string; Timeout?: number; HeartbeatTimeout?: number } = {
        CallbackId: callbackId,
      };
      if (u.CallbackOptions?.TimeoutSeconds) details.Timeout = u.CallbackOptions.TimeoutSeconds;
      if (u.CallbackOptions?.HeartbeatTimeoutSeconds)
        details.HeartbeatTimeout = u.CallbackOptions.HeartbeatTimeoutSeconds;
      return recordOperationEvent(exec, op, "CallbackStarted", now, details);
    }
    case "CHAINED_INVOKE": {
      const options = u.ChainedInvokeOptions;
      const started = host.startChainedInvoke(exec, op, u);
      const details: Record<string, unknown> = { FunctionName: options?.FunctionName };
      if (options?.TenantId !== undefined) details.TenantId = options.TenantId;
      details.Input = payloadOf(u.Payload);
      if (started.ExecutedVersion !== undefined) details.ExecutedVersion = started.ExecutedVersion;
      if (started.DurableExecutionArn !== undefined)
        details.DurableExecutionArn = started.DurableExecutionArn;
      return recordOperationEvent(exec, op, "ChainedInvokeStarted", now, details);
    }
    default:
      return;
  }
}

function applyStep(
  host: UpdateHost,
  exec: ExecutionRecord,
  op: Operation,
  u: OperationUpdate,
  now: Date,
): void {
  if (u.Action === "START") {
    exec.setStatus(op, "STARTED");
    return recordOperationEvent(exec, op, "StepStarted", now, {});
  }
  const details = (op.StepDetails ??= {});
  const attempt = (details.Attempt ?? 0) + 1;
  details.Attempt = attempt;
  if (u.Action === "SUCCEED") {
    setResult(details, u.Payload);
    delete details.Error;
    endOperation(exec, op, "SUCCEEDED", now);
    return recordOperationEvent(exec, op, "StepSucceeded", now, {
      Result: payloadOf(u.Payload),
      RetryDetails: { CurrentAttempt: attempt },
    });
  }
  if (u.Action === "FAIL") {
    details.Error = copyError(u.Error ?? {});
    delete details.Result;
    endOperation(exec, op, "FAILED", now);
    return recordOperationEvent(exec, op, "StepFailed", now, {
      Error: errorOf(u.Error),
      RetryDetails: { CurrentAttempt: attempt },
    });
  }
  // RETRY
  const delay = u.StepOptions?.NextAttemptDelaySeconds as number;
  const due = now.getTime() + delay * 1000;
  details.NextAttemptTimestamp = new Date(due);
  exec.setStatus(op, "PENDING");
  const retryDetails = { CurrentAttempt: attempt, NextAttemptDelaySeconds: delay };
  if (u.Error !== undefined) {
    details.Error = copyError(u.Error);
    delete details.Result;
    recordOperationEvent(exec, op, "StepFailed", now, {
      Error: errorOf(u.Error),
      RetryDetails: retryDetails,
    });
  } else {
    setResult(details, u.Payload);
    delete details.Error;
    recordOperationEvent(exec, op, "StepSucceeded", now, {
      Result: payloadOf(u.Payload),
      RetryDetails: retryDetails,
    });
  }
  host.scheduleRetry(exec, op, due);
}

function setResult(details: { Result?: string }, payload: string | undefined): void {
  if (payload === undefined) delete details.Result;
  else details.Result = payload;
}

function applyContext(exec: ExecutionRecord, op: Operation, u: OperationUpdate, now: Date): void {
  const replay = u.ContextOptions?.ReplayChildren;
  if (u.Action === "START") {
    if (replay !== undefined) op.ContextDetails = { ReplayChildren: replay };
    return recordOperationEvent(exec, op, "ContextStarted", now, {});
  }
  const details = (op.ContextDetails ??= {});
  if (replay !== undefined) details.ReplayChildren = replay;
  if (u.Action === "SUCCEED") {
    setResult(details, u.Payload);
    endOperation(exec, op, "SUCCEEDED", now);
    return recordOperationEvent(exec, op, "ContextSucceeded", now, {
      Result: payloadOf(u.Payload),
    });
  }
  details.Error = copyError(u.Error ?? {});
  endOperation(exec, op, "FAILED", now);
  return recordOperationEvent(exec, op, "ContextFailed", now, { Error: errorOf(u.Error) });
}

function applyWait(
  host: UpdateHost,
  exec: ExecutionRecord,
  op: Operation,
  u: OperationUpdate,
  now: Date,
): void {
  if (u.Action === "START") {
    const seconds = u.WaitOptions?.WaitSeconds as number;
    const due = now.getTime() + seconds * 1000;
    op.WaitDetails = { ScheduledEndTimestamp: new Date(due) };
    recordOperationEvent(exec, op, "WaitStarted", now, {
      Duration: seconds,
      ScheduledEndTimestamp: new Date(due),
    });
    host.startWaitTimer(exec, op, due);
    return;
  }
  // CANCEL
  exec.dropWaitTimer(op.Id);
  endOperation(exec, op, "CANCELLED", now);
  recordOperationEvent(
    exec,
    op,
    "WaitCancelled",
    now,
    u.Error !== undefined ? { Error: errorOf(u.Error) } : {},
  );
}
