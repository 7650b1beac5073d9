/** `verifyRecordings`: checks a whole folder of recordings, for use inside any test framework. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { DurableLambdaHandler } from "../../entry/with-durable-execution";
import { formatReplayReport } from "./format-report";
import type { ReplayReport } from "./replay-report";
import { verifyReplay, type VerifyReplayOptions } from "./verify-replay";

/**
 * Thrown by {@link verifyRecordings} when a recording diverges; its message lists every
 * divergence, readable in a test runner's failure output.
 *
 * @example
 * ```ts
 * try {
 *   await verifyRecordings(handler, "test/recordings");
 * } catch (error) {
 *   if (error instanceof ReplayDivergenceError) console.log(error.reports.filter((r) => !r.ok));
 * }
 * ```
 */
export class ReplayDivergenceError extends Error {
  override name = "ReplayDivergenceError";

  constructor(readonly reports: ReplayReport[]) {
    const diverged = reports.filter((r) => !r.ok);
    super(
      `${diverged.length} of ${reports.length} recording${reports.length === 1 ? "" : "s"} diverge from the new code:\n` +
        diverged.map(formatReplayReport).join("\n"),
    );
  }
}

/**
 * Replays `handler` against every `*.json` recording in `dir` (sub-folders included) and
 * resolves with the reports when none diverges; otherwise rejects with a
 * {@link ReplayDivergenceError} naming each divergence. Still-running recordings that would
 * start new work pass. Works in jest, vitest and `node:test` alike.
 *
 * @throws ReplayDivergenceError when a recording diverges; Error when `dir` holds no recording.
 * @example
 * ```ts
 * import { verifyRecordings } from "@aws/durable-execution-sdk-js/testing";
 * import { handler } from "../src/order-handler";
 *
 * test("the new code still replays every recorded execution", async () => {
 *   await verifyRecordings(handler, "test/recordings");
 * });
 * ```
 */
export async function verifyRecordings(
  handler: DurableLambdaHandler,
  dir: string,
  options: Omit<VerifyReplayOptions, "source"> = {},
): Promise<ReplayReport[]> {
  const files = recordingFiles(dir);
  if (files.length === 0) throw new Error(`${dir}: no recordings (*.json) found`);
  const reports: ReplayReport[] = [];
  for (const file of files) {
    const json: unknown = JSON.parse(readFileSync(file, "utf8"));
    reports.push(await verifyReplay(handler, json, { ...options, source: file }));
  }
  if (reports.some((r) => !r.ok)) throw new ReplayDivergenceError(reports);
  return reports;
}

/** Every `*.json` file under `dir`, sorted. */
function recordingFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...recordingFiles(path));
    else if (name.endsWith(".json")) out.push(path);
  }
  return out;
}
