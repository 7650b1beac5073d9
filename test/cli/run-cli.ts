/**
 * Runs the real `run-durable` binary (needs `npm run build`; `npm test` builds first). The
 * "cli-src" jest project maps this module to run-cli-in-process.ts, so the same tests also
 * run the program from src/ in process.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import * as path from "node:path";
import { BIN, ROOT, type CliRun, type CliRunner } from "./cli-output";

export { BIN, cells, FIXTURES, ROOT, trailingJson, treeLines } from "./cli-output";
export type { CliRun } from "./cli-output";

/** Throws a clear error when the build the binary needs is missing. */
export function assertBuilt(): void {
  for (const file of ["dist-cjs/cli.js", "dist/index.mjs", "dist-cjs/index.js"]) {
    if (!existsSync(path.join(ROOT, file))) {
      throw new Error(`${file} is missing: run \`npm run build\` before the CLI tests.`);
    }
  }
}

/** Runs `node bin/run-durable ...args` in the repository root. */
export const runCli: CliRunner = (args, options = {}) =>
  new Promise<CliRun>((resolve) => {
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
