/** The input payload of `run`: `--event`, `--event-file`, or none. */
import { existsSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import type { CliOptions } from "./args";
import { CliError } from "./cli-error";

/** The payload, and whether one was given (the handler receives `{}` otherwise). */
export function readEvent(options: CliOptions, cwd: string): { given: boolean; value?: unknown } {
  if (options.event !== undefined) {
    return { given: true, value: parseJson(options.event, "--event") };
  }
  if (options.eventFile !== undefined) {
    const absolute = path.resolve(cwd, options.eventFile);
    if (!existsSync(absolute) || !statSync(absolute).isFile()) {
      throw new CliError(`Event file not found: ${options.eventFile}`);
    }
    return {
      given: true,
      value: parseJson(readFileSync(absolute, "utf8"), `event file ${options.eventFile}`),
    };
  }
  return { given: false };
}

/** Parses JSON given on the command line; a `CliError` (exit code 2) explains a mistake. */
export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(
      `Invalid JSON in ${what}: ${(error as Error).message}\n` +
        `Quote the value for your shell, e.g. --event '{"orderId":"42"}' (strings need JSON quotes: '"text"').`,
    );
  }
}
