/** Helpers that spawn the real `run-durable` binary (needs `npm run build`). */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import * as path from "node:path";

/** Repository root. */
export const ROOT = path.resolve(__dirname, "..", "..");
/** The binary under test. */
export const BIN = path.join(ROOT, "bin", "run-durable");
/** Fixture handlers, relative to ROOT (the CLI echoes the path as typed). */
export const FIXTURES = "test/cli/fixtures";

/** What one run of the binary produced. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Throws a clear error when the build the binary needs is missing. */
export function assertBuilt(): void {
  for (const file of ["dist-cjs/cli.js", "dist/index.mjs", "dist-cjs/index.js"]) {
    if (!existsSync(path.join(ROOT, file))) {
      throw new Error(`${file} is missing: run \`npm run build\` before the CLI tests.`);
    }
  }
}

/** Runs `node bin/run-durable ...args` in the repository root. */
export function runCli(
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      {
        cwd: options.cwd ?? ROOT,
        env: { ...process.env, DURABLE_VERBOSE_MODE: "", ...options.env },
        timeout: 20_000,
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : Number.NaN;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

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
