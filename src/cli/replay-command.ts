/**
 * `run-durable replay <handler file> (--history FILE|DIR | --execution-arn ARN |
 * --function-name F [--last N])`: replays the handler against recorded executions, verify-only,
 * prints one report per execution and a summary, and exits 1 when one diverges.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import type { DurableLambdaHandler } from "../entry/with-durable-execution";
import { fetchRecentRecordings, fetchRecording } from "../testing/replay/fetch-recordings";
import { formatReplayReports } from "../testing/replay/format-report";
import { readRecording, type ExecutionRecording } from "../testing/replay/recording";
import { verifyReplay } from "../testing/replay/verify-replay";
import type { CliOptions } from "./args";
import { CliError, ExitCode } from "./cli-error";
import { loadHandler } from "./load-handler";
import type { CliIo } from "./cli-io";

/** Runs the `replay` command; resolves with the exit code. */
export async function replayCommand(
  options: CliOptions,
  io: CliIo,
  print: (line?: string) => void,
): Promise<number> {
  const { handler, exportName } = await loadHandler(options.file!, options.handlerExport, io.cwd);
  const recordings = await recordingsOf(options, io);
  if (recordings.length === 0) throw new CliError("No recorded executions to replay.");
  print(
    `Replaying ${recordings.length} recorded execution(s) against ${options.file} (export '${exportName}'), verify-only:`,
  );
  const reports = [];
  for (const recording of recordings) {
    reports.push(await verifyReplay(handler as DurableLambdaHandler, recording));
  }
  print(formatReplayReports(reports));
  return reports.every((r) => r.ok) ? ExitCode.OK : ExitCode.EXECUTION_FAILED;
}

async function recordingsOf(options: CliOptions, io: CliIo): Promise<ExecutionRecording[]> {
  try {
    if (options.executionArn !== undefined) return [await fetchRecording(options.executionArn)];
    if (options.functionName !== undefined) {
      return await fetchRecentRecordings(options.functionName, options.last ?? 10);
    }
  } catch (error) {
    throw new CliError(`Cannot fetch the recorded executions: ${(error as Error).message}`);
  }
  return filesOf(path.resolve(io.cwd, options.history!), options.history!).map((file) =>
    readFile(file, path.relative(io.cwd, file) || file),
  );
}

/** The file itself, or every `*.json` under a folder (sorted). */
function filesOf(absolute: string, asTyped: string): string[] {
  if (!existsSync(absolute)) throw new CliError(`Recording not found: ${asTyped}`);
  if (!statSync(absolute).isDirectory()) return [absolute];
  return readdirSync(absolute)
    .sort()
    .flatMap((name) => {
      const child = path.join(absolute, name);
      if (statSync(child).isDirectory()) return filesOf(child, child);
      return name.endsWith(".json") ? [child] : [];
    });
}

function readFile(file: string, shown: string): ExecutionRecording {
  try {
    return readRecording(JSON.parse(readFileSync(file, "utf8")), shown);
  } catch (error) {
    throw new CliError(`Cannot read the recording in ${shown}: ${(error as Error).message}`);
  }
}
