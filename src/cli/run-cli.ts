/** The `run-durable` program: parse, dispatch to a subcommand, report errors, exit code. */
import { LocalDurableTestRunner } from "../testing/local-durable-test-runner";
import { untilInterrupted } from "../testing/http/serve";
import { SDK_VERSION } from "../version";
import { parseArgs, type CliOptions, type Command } from "./args";
import { CliError, ExitCode } from "./cli-error";
import { describeThrown, runCommand } from "./run-command";
import { replayCommand } from "./replay-command";
import { serveCommand } from "./serve-command";
import { timelineCommand } from "./timeline-command";
import { usageText } from "./usage";
import type { CliIo } from "./cli-io";

const defaultIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  cwd: process.cwd(),
};

type Print = (line?: string) => void;

/** One handler per subcommand; a new subcommand adds a line here and its options in args.ts. */
const HANDLERS: Record<Command, (options: CliOptions, io: CliIo, print: Print) => Promise<number>> =
  {
    run: runThenMaybeServe,
    serve: serveCommand,
    timeline: timelineCommand,
    replay: replayCommand,
  };

/** Runs the CLI with `argv` (without `node` and the script) and resolves with the exit code. */
export async function runCli(argv: readonly string[], io: CliIo = defaultIo): Promise<number> {
  const print: Print = (line = "") => io.out(`${line}\n`);
  let options: CliOptions | undefined;
  try {
    options = parseArgs(argv);
    if (options.help) {
      io.out(usageText(options.command));
      return ExitCode.OK;
    }
    if (options.version) {
      print(SDK_VERSION);
      return ExitCode.OK;
    }
    return await HANDLERS[options.command](options, io, print);
  } catch (error) {
    reportError(error, options?.verbose ?? false, io);
    return error instanceof CliError ? error.exitCode : ExitCode.EXECUTION_FAILED;
  }
}

/** `run`; with `--serve [port]` the run's service listens during the run and until Ctrl-C. */
async function runThenMaybeServe(options: CliOptions, io: CliIo, print: Print): Promise<number> {
  const { code, served, server } = await runCommand(options, io, print);
  if (server) {
    const names = served.map((t) => t.name).join(", ");
    print(`Still serving on ${server.url} (functions: ${names}). Press Ctrl-C to stop.`);
    await untilInterrupted();
    await server.close();
    await LocalDurableTestRunner.teardownTestEnvironment();
  }
  return code;
}

function reportError(error: unknown, verbose: boolean, io: CliIo): void {
  if (error instanceof CliError) {
    const text = error.verbatim ? error.message : `Error: ${error.message}`;
    io.err(`${text}\n`);
    if (verbose && error.detail) io.err(`${error.detail}\n`);
    return;
  }
  io.err(`Error: ${error instanceof Error ? error.message : describeThrown(error)}\n`);
  if (verbose && error instanceof Error && error.stack) io.err(`${error.stack}\n`);
}
