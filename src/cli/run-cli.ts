/** The `run-durable` program: parse, load, run on the embedded service, print, exit code. */
import { existsSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { refreshLogConfig } from "../logging/verbose";
import { serveBanner, startHttpService, untilInterrupted } from "../testing/http/serve";
import type { HttpServiceHandle } from "../testing/http/serve";
import { isolatedHandler } from "../testing/isolation/isolated-handler";
import type { DurableLambdaHandler } from "../testing/service/service-types";
import { LocalDurableTestRunner } from "../testing/local-durable-test-runner";
import { requireService } from "../testing/test-environment";
import type { TestResult } from "../testing/types";
import { SDK_VERSION } from "../version";
import { parseArgs, type CliOptions } from "./args";
import { answerCallbacks } from "./callback-answerer";
import { CliError, ExitCode } from "./cli-error";
import { renderHistory } from "./history-table";
import { loadHandler } from "./load-handler";
import { renderOperationTree } from "./operation-tree";
import { usageText } from "./usage";

/** Where the program writes; injectable for tests. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  cwd: string;
}

const defaultIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  cwd: process.cwd(),
};

/** Runs the CLI with `argv` (without `node` and the script) and resolves with the exit code. */
export async function runCli(argv: readonly string[], io: CliIo = defaultIo): Promise<number> {
  const print = (line = "") => io.out(`${line}\n`);
  let options: CliOptions | undefined;
  try {
    options = parseArgs(argv);
    if (options.help) {
      io.out(usageText());
      return ExitCode.OK;
    }
    if (options.version) {
      print(SDK_VERSION);
      return ExitCode.OK;
    }
    return await execute(options, io, print);
  } catch (error) {
    reportError(error, options?.verbose ?? false, io);
    return error instanceof CliError ? error.exitCode : ExitCode.EXECUTION_FAILED;
  }
}

async function execute(
  options: CliOptions,
  io: CliIo,
  print: (line?: string) => void,
): Promise<number> {
  const file = options.file as string;
  const event = readEvent(options, io.cwd);
  const answer =
    options.answerCallbacks === undefined
      ? undefined
      : parseJson(options.answerCallbacks, "--answer-callbacks");

  if (options.verbose) {
    // Before the handler (and its copy of the SDK) loads, so every copy sees it.
    process.env.DURABLE_VERBOSE_MODE = "true";
    refreshLogConfig();
  }

  const loaded = await loadHandler(file, options.handlerExport, io.cwd);
  const handler = options.isolate
    ? isolatedHandler({ modulePath: path.resolve(io.cwd, file), exportName: loaded.exportName })
    : (loaded.handler as DurableLambdaHandler);
  const functionName = servedFunctionName(file);

  print(`Running durable function from: ${file}`);
  print(
    `Skip time: ${options.skipTime}, Verbose: ${options.verbose}, Show history: ${options.showHistory}`,
  );
  print(
    `Handler export: ${loaded.exportName}, Event: ${event.given ? JSON.stringify(event.value) : "(none: {})"}` +
      (options.isolate ? ", Isolated: worker thread per invocation" : ""),
  );
  print();

  const serving = options.serve !== undefined;
  await LocalDurableTestRunner.setupTestEnvironment({
    skipTime: options.skipTime,
    // While serving, a person or another program may answer: callback timeouts run in real time.
    callbackTimeoutGrace: serving ? Infinity : undefined,
  });
  let code: number;
  try {
    const server = serving
      ? await startServing(options.serve as number, functionName, handler, print)
      : undefined;
    const runner = new LocalDurableTestRunner({
      handlerFunction: handler,
      functionName,
      // Without --serve nobody can answer a callback: give up once only that would help.
      ...(serving ? {} : { noProgressTimeout: 1000, reportWaitingAfter: false as const }),
    });
    code = await runAndReport(runner, event, answer, options, print);
    if (server) {
      print();
      print(`Still serving on ${server.url} (function ${functionName}). Press Ctrl-C to stop.`);
      await untilInterrupted();
      await server.close();
    }
  } finally {
    await LocalDurableTestRunner.teardownTestEnvironment();
  }
  return code;
}

/**
 * The function name the CLI files its runs under (and serves): the handler file's base name.
 *
 * @example
 * ```ts
 * servedFunctionName("src/order.mjs"); // "order"
 * ```
 */
export function servedFunctionName(file: string): string {
  const base = path.parse(file).name.replace(/[^a-zA-Z0-9_-]/g, "-");
  return base.length > 0 ? base.slice(0, 64) : "handler";
}

async function startServing(
  port: number,
  functionName: string,
  handler: DurableLambdaHandler,
  print: (line?: string) => void,
): Promise<HttpServiceHandle> {
  const server = await startHttpService({
    port,
    service: requireService(),
    handlers: { [functionName]: handler },
  });
  for (const line of serveBanner(server.url, [functionName])) print(line);
  print();
  return server;
}

async function runAndReport(
  runner: LocalDurableTestRunner,
  event: { given: boolean; value?: unknown },
  answer: unknown,
  options: CliOptions,
  print: (line?: string) => void,
): Promise<number> {
  if (answer !== undefined) {
    answerCallbacks(runner, JSON.stringify(answer), (line) => print(`[run-durable] ${line}`));
  }
  let result: TestResult;
  try {
    result = await runner.run(event.given ? { payload: event.value } : undefined);
  } catch (error) {
    let message = error instanceof Error ? error.message : describeThrown(error);
    if (answer === undefined && /callback/i.test(message)) {
      message +=
        "\nHint: pass --answer-callbacks '<json>' to have run-durable complete every callback, " +
        "or --serve to answer it over HTTP.";
    }
    throw new CliError(
      message,
      ExitCode.EXECUTION_FAILED,
      false,
      error instanceof Error ? error.stack : undefined,
    );
  }

  const operations = result
    .getOperations()
    .map((h) => h.getOperationData())
    .filter((op) => op !== undefined);
  print("Operations:");
  for (const line of renderOperationTree(operations)) print(line);
  print();
  const status = result.getStatus();
  print(`Execution Status: ${status}`);
  print(`Invocations: ${result.getInvocations().length}`);
  if (options.showHistory) {
    print();
    print("History Events:");
    for (const line of renderHistory(result.getHistoryEvents())) print(line);
  }
  print();
  if (status === "SUCCEEDED") {
    print("Result:");
    print(String(JSON.stringify(result.getResult(), null, 2)));
    return ExitCode.OK;
  }
  print("Error:");
  print(JSON.stringify(result.getError(), null, 2));
  return ExitCode.EXECUTION_FAILED;
}

/** The payload: `--event`, `--event-file`, or none (the handler then receives `{}`). */
function readEvent(options: CliOptions, cwd: string): { given: boolean; value?: unknown } {
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

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(
      `Invalid JSON in ${what}: ${(error as Error).message}\n` +
        `Quote the value for your shell, e.g. --event '{"orderId":"42"}' (strings need JSON quotes: '"text"').`,
    );
  }
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

/** A readable message for a thrown non-Error (the runner may reject with a plain object). */
function describeThrown(value: unknown): string {
  if (typeof value === "object" && value !== null) {
    const inner = (value as { error?: { ErrorMessage?: string; ErrorType?: string } }).error;
    if (inner?.ErrorMessage)
      return inner.ErrorType ? `${inner.ErrorType}: ${inner.ErrorMessage}` : inner.ErrorMessage;
    try {
      return JSON.stringify(value);
    } catch {
      return String(value);
    }
  }
  return String(value);
}
