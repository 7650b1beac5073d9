/** Where the CLI tests run, and readers of what `run-durable` prints (both ways of running it). */
import * as path from "node:path";

/** Repository root. */
export const ROOT = path.resolve(__dirname, "..", "..");
/** The binary under test. */
export const BIN = path.join(ROOT, "bin", "run-durable");
/** Fixture handlers, relative to ROOT (the CLI echoes the path as typed). */
export const FIXTURES = "test/cli/fixtures";

/** What one run of the program produced. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** How a test runs the program: `args` as on the command line, in `cwd` (default ROOT). */
export type CliRunner = (
  args: readonly string[],
  options?: { cwd?: string; env?: NodeJS.ProcessEnv },
) => Promise<CliRun>;

/** The lines of the operation tree block (between "Operations:" and the blank line). */
export function treeLines(stdout: string): string[] {
  const lines = stdout.split("\n");
  const start = lines.indexOf("Operations:");
  if (start === -1) return [];
  const end = lines.indexOf("", start);
  return lines.slice(start + 1, end === -1 ? undefined : end);
}

/** Splits a tree or table line into its cells (columns are separated by 2+ spaces). */
export function cells(line: string): string[] {
  return line.trim().split(/\s{2,}/);
}

/** The JSON printed after "Result:" or "Error:". */
export function trailingJson(stdout: string, label: "Result:" | "Error:"): unknown {
  const lines = stdout.split("\n");
  const at = lines.lastIndexOf(label);
  if (at === -1) throw new Error(`no "${label}" block in:\n${stdout}`);
  return JSON.parse(lines.slice(at + 1).join("\n"));
}
