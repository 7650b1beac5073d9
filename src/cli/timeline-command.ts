/**
 * `run-durable timeline <history.json> [-o out.html]`: renders the timeline of an execution
 * from a saved history (`aws lambda get-durable-execution-history` output, a
 * `GetDurableExecutionHistory` answer, a list of pages, or a bare event list).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { readHistoryEvents, renderTimelineHtml } from "../testing/timeline";
import type { CliOptions } from "./args";
import { CliError, ExitCode } from "./cli-error";
import type { CliIo } from "./cli-io";

/** Runs the `timeline` command; resolves with the exit code. */
export async function timelineCommand(
  options: CliOptions,
  io: CliIo,
  print: (line?: string) => void,
): Promise<number> {
  const input = options.files[0];
  const absolute = path.resolve(io.cwd, input);
  if (!existsSync(absolute)) throw new CliError(`History file not found: ${input}`);
  let events;
  try {
    events = readHistoryEvents(JSON.parse(readFileSync(absolute, "utf8")));
  } catch (error) {
    throw new CliError(`Cannot read the history in ${input}: ${(error as Error).message}`);
  }
  const output = options.timeline ?? defaultOutput(input);
  const title = options.title ?? path.basename(input, path.extname(input));
  writeFileSync(path.resolve(io.cwd, output), renderTimelineHtml(events, { title }));
  print(`Timeline of ${events.length} event(s) written to ${output}`);
  return ExitCode.OK;
}

function defaultOutput(input: string): string {
  const parsed = path.parse(input);
  return path.join(parsed.dir, `${parsed.name}.html`);
}
