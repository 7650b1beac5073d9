/** The `--show-history` table: one line per history event with a short summary of its details. */
import type { ErrorObject } from "../types/wire";
import type { Event } from "../testing/service/state/history-event";
import { formatDuration, renderTable, truncate } from "./text-table";

/** Column headers of the history table. */
export const HISTORY_HEADERS = ["#", "TIME", "EVENT", "SUBTYPE", "NAME", "ID", "DETAILS"] as const;

const PAYLOAD_WIDTH = 60;

/** Renders the events (in EventId order); TIME is virtual time since the first event. */
export function renderHistory(events: readonly Event[]): string[] {
  if (events.length === 0) return ["No history events."];
  const origin = events[0].EventTimestamp?.getTime();
  const rows = events.map((e) => [
    String(e.EventId ?? "-"),
    origin !== undefined && e.EventTimestamp
      ? `+${formatDuration(e.EventTimestamp.getTime() - origin)}`
      : "-",
    e.EventType ?? "-",
    e.SubType ?? "-",
    e.Name ?? "-",
    e.Id ? truncate(e.Id, 16) : "-",
    summarize(e),
  ]);
  return renderTable(HISTORY_HEADERS, rows);
}

/** The interesting part of an event's details, as `key=value` pairs. */
export function summarize(e: Event): string {
  const parts: string[] = [];
  const payload = (key: string, p: { Payload?: string } | undefined) => {
    if (p?.Payload !== undefined) parts.push(`${key}=${truncate(p.Payload, PAYLOAD_WIDTH)}`);
  };
  const error = (err: { Payload?: ErrorObject } | undefined) => {
    if (err?.Payload) parts.push(`error=${truncate(describeError(err.Payload), PAYLOAD_WIDTH)}`);
  };
  const retry = (r: { CurrentAttempt?: number; NextAttemptDelaySeconds?: number } | undefined) => {
    if (r?.CurrentAttempt !== undefined) parts.push(`attempt=${r.CurrentAttempt}`);
    if (r?.NextAttemptDelaySeconds !== undefined)
      parts.push(`retryIn=${formatDuration(r.NextAttemptDelaySeconds * 1000)}`);
  };
  const seconds = (key: string, s: number | undefined) => {
    if (s !== undefined) parts.push(`${key}=${formatDuration(s * 1000)}`);
  };

  switch (e.EventType) {
    case "ExecutionStarted":
      payload("input", e.ExecutionStartedDetails?.Input);
      break;
    case "ExecutionSucceeded":
      payload("result", e.ExecutionSucceededDetails?.Result);
      break;
    case "ExecutionFailed":
      error(e.ExecutionFailedDetails?.Error);
      break;
    case "ExecutionTimedOut":
      error(e.ExecutionTimedOutDetails?.Error);
      break;
    case "ExecutionStopped":
      error(e.ExecutionStoppedDetails?.Error);
      break;
    case "ContextSucceeded":
      payload("result", e.ContextSucceededDetails?.Result);
      break;
    case "ContextFailed":
      error(e.ContextFailedDetails?.Error);
      break;
    case "StepSucceeded":
      payload("result", e.StepSucceededDetails?.Result);
      retry(e.StepSucceededDetails?.RetryDetails);
      break;
    case "StepFailed":
      error(e.StepFailedDetails?.Error);
      retry(e.StepFailedDetails?.RetryDetails);
      break;
    case "WaitStarted":
      seconds("duration", e.WaitStartedDetails?.Duration);
      if (e.WaitStartedDetails?.ScheduledEndTimestamp)
        parts.push(`until=${e.WaitStartedDetails.ScheduledEndTimestamp.toISOString()}`);
      break;
    case "WaitSucceeded":
      seconds("duration", e.WaitSucceededDetails?.Duration);
      break;
    case "WaitCancelled":
      error(e.WaitCancelledDetails?.Error);
      break;
    case "CallbackStarted": {
      const d = e.CallbackStartedDetails;
      if (d?.CallbackId) parts.push(`callbackId=${truncate(d.CallbackId, 24)}`);
      seconds("timeout", d?.Timeout);
      seconds("heartbeat", d?.HeartbeatTimeout);
      break;
    }
    case "CallbackSucceeded":
      payload("result", e.CallbackSucceededDetails?.Result);
      break;
    case "CallbackFailed":
      error(e.CallbackFailedDetails?.Error);
      break;
    case "CallbackTimedOut":
      error(e.CallbackTimedOutDetails?.Error);
      break;
    case "ChainedInvokeStarted": {
      const d = e.ChainedInvokeStartedDetails;
      if (d?.FunctionName) parts.push(`function=${d.FunctionName}`);
      payload("input", d?.Input);
      break;
    }
    case "ChainedInvokeSucceeded":
      payload("result", e.ChainedInvokeSucceededDetails?.Result);
      break;
    case "ChainedInvokeFailed":
      error(e.ChainedInvokeFailedDetails?.Error);
      break;
    case "ChainedInvokeTimedOut":
      error(e.ChainedInvokeTimedOutDetails?.Error);
      break;
    case "ChainedInvokeStopped":
      error(e.ChainedInvokeStoppedDetails?.Error);
      break;
    case "InvocationCompleted": {
      const d = e.InvocationCompletedDetails;
      if (d?.StartTimestamp && d.EndTimestamp)
        parts.push(`took=${formatDuration(d.EndTimestamp.getTime() - d.StartTimestamp.getTime())}`);
      error(d?.Error);
      break;
    }
    default:
      break;
  }
  return parts.join(" ");
}

function describeError(error: ErrorObject): string {
  const type = error.ErrorType;
  const message = error.ErrorMessage;
  if (type && message) return `${type}: ${message}`;
  return type ?? message ?? "{}";
}
