/**
 * The in-process twin of run-cli.ts (the "cli-src" jest project maps `./run-cli` here): the
 * same tests call `runCli` from src/cli with captured output, so they cover this tree's
 * sources, not a build. What the handler logs through the console is captured as the
 * binary's stdout/stderr would carry it.
 */
import { runCli as runCliMain } from "../../src/cli/run-cli";
import { ROOT, type CliRunner } from "./cli-output";

export { BIN, cells, FIXTURES, ROOT, trailingJson, treeLines } from "./cli-output";
export type { CliRun } from "./cli-output";

/** Nothing to check: in process, the program runs from src/. */
export function assertBuilt(): void {}

/** Runs the program in this process with `args`, `cwd` and extra environment variables. */
export const runCli: CliRunner = async (args, options = {}) => {
  // A fresh process each time, as far as modules go: handler files (and the SDK copy they
  // import) load anew, so module state and plugins read at load time do not leak between runs.
  jest.resetModules();
  let stdout = "";
  let stderr = "";
  const env = { DURABLE_VERBOSE_MODE: "", ...options.env };
  const saved = new Map(Object.keys(env).map((k) => [k, process.env[k]]));
  const savedPlugins = process.env.DURABLE_EXECUTION_PLUGINS;
  Object.assign(process.env, env);
  const text = (args: unknown[]) => `${args.map(String).join(" ")}\n`;
  const log = jest.spyOn(console, "log").mockImplementation((...a) => (stdout += text(a)));
  const info = jest.spyOn(console, "info").mockImplementation((...a) => (stdout += text(a)));
  const warn = jest.spyOn(console, "warn").mockImplementation((...a) => (stderr += text(a)));
  const error = jest.spyOn(console, "error").mockImplementation((...a) => (stderr += text(a)));
  try {
    const code = await runCliMain(args, {
      out: (t) => (stdout += t),
      err: (t) => (stderr += t),
      cwd: options.cwd ?? ROOT,
    });
    return { code, stdout, stderr };
  } finally {
    for (const spy of [log, info, warn, error]) spy.mockRestore();
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    if (savedPlugins === undefined) delete process.env.DURABLE_EXECUTION_PLUGINS;
    else process.env.DURABLE_EXECUTION_PLUGINS = savedPlugins;
  }
};
