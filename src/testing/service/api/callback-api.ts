/**
 * The callback API: completing, failing and heartbeating a callback
 * from outside the execution by its callback id.
 */
import type { Operation } from "../../../types/wire";
import { armHeartbeat, finishCallback } from "../timers/callback-timers";
import type { ExecutionRecord } from "../state/execution-record";
import { copyError, errorOf, payloadOf } from "../state/history-event";
import { decodeCallbackId } from "../protocol/identifiers";
import type { ServiceCore } from "../service-core";
import { callbackTimeout, invalidParameter } from "../protocol/service-errors";
import { assertWithinByteLimit, utf8Length } from "../protocol/service-limits";
import type {
  SendDurableExecutionCallbackFailureRequest,
  SendDurableExecutionCallbackHeartbeatRequest,
  SendDurableExecutionCallbackSuccessRequest,
} from "./service-types";

/** Completes an open callback as SUCCEEDED with the request's result. */
export function sendCallbackSuccess(
  core: ServiceCore,
  request: SendDurableExecutionCallbackSuccessRequest,
): void {
  const { exec, op } = openCallback(core, request?.CallbackId);
  const raw = request.Result;
  const text =
    raw === undefined
      ? undefined
      : typeof raw === "string"
        ? raw
        : Buffer.from(raw).toString("utf8");
  const size = text === undefined ? 0 : utf8Length(text);
  assertWithinByteLimit("Result", size, core.limits.callbackResultBytes);
  const now = core.runtime.clock.date();
  if (text !== undefined && text !== "") (op.CallbackDetails ??= {}).Result = text;
  finishCallback(core, exec, op, "SUCCEEDED", now, "CallbackSucceeded", {
    Result: payloadOf(text === "" ? undefined : text),
  });
}

/** Completes an open callback as FAILED with the request's error. */
export function sendCallbackFailure(
  core: ServiceCore,
  request: SendDurableExecutionCallbackFailureRequest,
): void {
  const { exec, op } = openCallback(core, request?.CallbackId);
  const error = copyError(request.Error ?? {});
  assertWithinByteLimit("Error", utf8Length(JSON.stringify(error)), core.limits.errorBytes);
  const now = core.runtime.clock.date();
  (op.CallbackDetails ??= {}).Error = error;
  finishCallback(core, exec, op, "FAILED", now, "CallbackFailed", { Error: errorOf(error) });
}

/** Restarts the heartbeat timer of an open callback (no-op when it has no heartbeat timeout). */
export function sendCallbackHeartbeat(
  core: ServiceCore,
  request: SendDurableExecutionCallbackHeartbeatRequest,
): void {
  const { exec, op } = openCallback(core, request?.CallbackId);
  const timers = exec.callbackTimers(op.Id);
  if (timers?.heartbeatSeconds) {
    timers.heartbeatSeen = true;
    timers.heartbeat?.cancel();
    armHeartbeat(core, exec, op, timers, core.runtime.clock.now());
  }
}

/** Open callbacks of an execution (ids and names), for diagnostics. */
export function listOpenCallbacks(
  exec: ExecutionRecord,
): { id: string; name?: string; callbackId?: string }[] {
  return exec.order
    .filter((op) => op.Type === "CALLBACK" && op.Status === "STARTED")
    .map((op) => ({ id: op.Id, name: op.Name, callbackId: op.CallbackDetails?.CallbackId }));
}

function openCallback(
  core: ServiceCore,
  callbackId: unknown,
): { exec: ExecutionRecord; op: Operation } {
  core.runtime.assertOpen();
  const data = decodeCallbackId(callbackId);
  if (!data) throw invalidParameter("Invalid value for CallbackId: the callback id is malformed.");
  const exec = core.store.findById(data.executionId);
  const op = exec?.operations.get(data.operationId);
  if (!exec || !op || op.Type !== "CALLBACK" || exec.callbackTimers(op.Id)?.nonce !== data.nonce) {
    throw callbackTimeout("No open callback exists with this id.");
  }
  if (exec.terminal)
    throw callbackTimeout("The durable execution of this callback has already ended.");
  if (op.Status !== "STARTED")
    throw callbackTimeout("The callback has already completed or timed out.");
  exec.noteActivity();
  return { exec, op };
}
