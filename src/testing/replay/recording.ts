/**
 * A recorded execution as the replay verifier reads it: its operations, how it ended and the
 * result or error it ended with. Built from a `GetDurableExecutionHistory` answer (events with
 * execution data) or a `GetDurableExecutionState` answer (operations).
 */
import type { ErrorObject, Operation } from "../../types/wire";
import { OperationsFromHistory } from "../cloud/operations-from-history";
import { executionStatusOfEndEvent } from "../service/api/execution-status";
import type { Event } from "../service/state/history-event";
import { readHistoryEvents } from "../timeline/history-file";

/**
 * One recorded execution, ready to replay.
 *
 * @example
 * ```ts
 * const recording: ExecutionRecording = readRecording(JSON.parse(readFileSync(file, "utf8")), file);
 * console.log(recording.status, recording.operations.length);
 * ```
 */
export interface ExecutionRecording {
  /** Where it came from (a file name, an ARN), for reports. */
  source: string;
  /** ARN of the recorded execution, when known. */
  durableExecutionArn?: string;
  /** Every recorded operation, the EXECUTION operation included, in first-seen order. */
  operations: Operation[];
  /** `RUNNING`, or how it ended: `SUCCEEDED`, `FAILED`, `TIMED_OUT`, `STOPPED`. */
  status: string;
  /** Serialized result of a succeeded execution, when the recording holds it. */
  result?: string;
  /** Error of a failed execution, when the recording holds it. */
  error?: ErrorObject;
}

/**
 * Reads a recording from parsed JSON: a `GetDurableExecutionHistory` answer (`{ Events }`, or a
 * list of such pages, or a list of events) or a `GetDurableExecutionState` answer
 * (`{ Operations }`). An already read {@link ExecutionRecording} is returned as it is.
 *
 * @throws Error when the JSON is none of these.
 * @example
 * ```ts
 * import { readFileSync } from "node:fs";
 * import { readRecording } from "@aws/durable-execution-sdk-js/testing";
 *
 * const recording = readRecording(JSON.parse(readFileSync("recordings/order-42.json", "utf8")));
 * ```
 */
export function readRecording(json: unknown, source = "recording"): ExecutionRecording {
  if (isRecording(json)) return json;
  if (typeof json === "object" && json !== null && "Operations" in json) {
    const operations = (json as { Operations?: unknown }).Operations;
    if (Array.isArray(operations))
      return recordingFromOperations(operations as Operation[], source);
  }
  return recordingFromHistory(readHistoryEvents(json), source);
}

/**
 * Builds a recording from history events (with execution data, so steps hold their results).
 *
 * @example
 * ```ts
 * const recording = recordingFromHistory(result.getHistoryEvents(), "order test");
 * ```
 */
export function recordingFromHistory(
  events: readonly Event[],
  source = "history",
): ExecutionRecording {
  const fold = new OperationsFromHistory();
  const operations: Operation[] = [];
  const seen = new Set<string>();
  const recording: ExecutionRecording = { source, operations, status: "RUNNING" };
  for (const event of events) {
    const op = fold.apply(event);
    if (op && !seen.has(op.Id)) {
      seen.add(op.Id);
      operations.push(op);
    }
    const ended = executionStatusOfEndEvent(event.EventType);
    if (ended === undefined) continue;
    recording.status = ended;
    const payload = event.ExecutionSucceededDetails?.Result?.Payload;
    if (payload !== undefined) recording.result = payload;
    const error =
      event.ExecutionFailedDetails?.Error?.Payload ??
      event.ExecutionTimedOutDetails?.Error?.Payload ??
      event.ExecutionStoppedDetails?.Error?.Payload;
    if (error !== undefined) recording.error = error;
  }
  if (!operations.some((op) => op.Type === "EXECUTION")) {
    throw new Error(
      `${source}: the history has no ExecutionStarted event, so the execution's input is unknown`,
    );
  }
  return recording;
}

/** Builds a recording from operations as `GetDurableExecutionState` returns them. */
function recordingFromOperations(operations: Operation[], source: string): ExecutionRecording {
  const execution = operations.find((op) => op.Type === "EXECUTION");
  if (!execution) throw new Error(`${source}: the operations hold no EXECUTION operation`);
  const status = execution.Status === "STARTED" ? "RUNNING" : execution.Status;
  return { source, operations, status };
}

function isRecording(json: unknown): json is ExecutionRecording {
  return (
    typeof json === "object" &&
    json !== null &&
    Array.isArray((json as ExecutionRecording).operations) &&
    typeof (json as ExecutionRecording).status === "string"
  );
}
