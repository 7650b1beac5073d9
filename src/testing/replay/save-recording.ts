/** Saves runs of the test runners as recordings, in the `GetDurableExecutionHistory` format. */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { Event } from "../service/state/history-event";

/**
 * What a recording file holds: a `GetDurableExecutionHistory` answer with execution data (the
 * input in `ExecutionStarted`, results and errors in the other events).
 *
 * @example
 * ```ts
 * const recording: RecordingFile = toRecording(result);
 * console.log(recording.Events.length);
 * ```
 */
export interface RecordingFile {
  Events: Event[];
}

/**
 * The recording of a finished or suspended run: its history events with execution data, as
 * `GetDurableExecutionHistory` returns them, ready for `JSON.stringify` and {@link verifyReplay}.
 *
 * @param result a `TestResult` of either runner (anything with `getHistoryEvents()`).
 * @example
 * ```ts
 * const result = await runner.run({ payload: { orderId: "42" } });
 * const report = await verifyReplay(handler, toRecording(result));
 * ```
 */
export function toRecording(result: { getHistoryEvents(): Event[] }): RecordingFile {
  return { Events: result.getHistoryEvents() };
}

/**
 * Writes the recording of a run to `file` (JSON; folders are created), so it can be kept in the
 * repository and replayed in CI with {@link verifyRecordings} or `run-durable replay`.
 *
 * @example
 * ```ts
 * import { saveRecording, LocalDurableTestRunner } from "@aws/durable-execution-sdk-js/testing";
 *
 * const result = await new LocalDurableTestRunner({ handlerFunction: handler }).run({ payload: { orderId: "42" } });
 * saveRecording(result, "test/recordings/order-42.json");
 * ```
 */
export function saveRecording(result: { getHistoryEvents(): Event[] }, file: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(toRecording(result), null, 2)}\n`);
}
