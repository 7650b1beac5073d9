/**
 * `run-durable run <file>`: runs one handler on the embedded service (with its `--function`
 * invoke targets), prints the operation tree, status, history and result, and writes the
 * timeline. A run that fails or cannot finish still prints what happened up to that point.
 */
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { LocalDurableTestRunner } from "../testing/local-durable-test-runner";
import type { Event } from "../testing/service/state/history-event";
import type { ExecutionObserver } from "../testing/service/api/service-types";
import { requireService } from "../testing/test-environment";
import { renderTimelineHtml } from "../testing/timeline";
import { saveRecording } from "../testing/replay/save-recording";
import type { TestResult } from "../testing/types";
import type { Operation } from "../testing/operation-types";
import type { CliOptions } from "./args";
import { answerCallbacks } from "./callback-answerer";
import { CliError, ExitCode } from "./cli-error";
import { parseJson, readEvent } from "./event-input";
import { loadHandler } from "./load-handler";
import { progressPrinter } from "./progress";
import { printReport } from "./report";
import {
  describeTargets,
  functionNameOf,
  loadTargets,
  registeredFunction,
  type Target,
} from "./targets";
import { installTrace, traceWanted } from "./trace";
import { startServing } from "./serve-command";
import type { HttpServiceHandle } from "../testing/http/serve";
import { isolatedHandler } from "../testing/isolation/isolated-handler";
import type { DurableLambdaHandler } from "../testing/service/api/service-types";
import type { CliIo } from "./cli-io";

/** Runs the `run` command; resolves with the exit code. */
export async function runCommand(
  options: CliOptions,
  io: CliIo,
  print: (line?: string) => void,
): Promise<{ code: number; served: Target[]; server?: HttpServiceHandle }> {
  const file = options.file as string;
  const event = readEvent(options, io.cwd);
  const answer =
    options.answerCallbacks === undefined
      ? undefined
      : parseJson(options.answerCallbacks, "--answer-callbacks");
  const trace = traceWanted(options.verbose);
  // Before the handler (and its copy of the SDK) loads, so its wrapper picks the plugin up.
  const traceObserver = trace ? installTrace((line) => io.err(`${line}\n`)) : undefined;

  const loaded = await loadHandler(file, options.handlerExport, io.cwd);
  const { exportName } = loaded;
  const handler = options.isolate
    ? isolatedHandler({ modulePath: path.resolve(io.cwd, file), exportName })
    : loaded.handler;
  const targets = await loadTargets(options.functions, io.cwd);
  const functionName = functionNameOf(file);
  // What `--serve` exposes: the handler under its file name (the run is filed there too).
  const served: Target[] = [
    {
      name: functionName,
      file,
      exportName,
      fn: options.isolate
        ? { kind: "durable", handler: handler as DurableLambdaHandler }
        : registeredFunction(loaded.handler),
    },
    ...targets,
  ];

  print(`Running durable function from: ${file}`);
  print(`Skip time: ${options.skipTime}, Verbose: ${trace}, Show history: ${options.showHistory}`);
  print(
    `Handler export: ${exportName}, Event: ${event.given ? JSON.stringify(event.value) : "(none: {})"}` +
      (options.isolate ? ", Isolated: worker thread per invocation" : ""),
  );
  if (targets.length > 0) {
    print("Functions:");
    for (const line of describeTargets(targets)) print(line);
  }
  print();

  const serving = options.serve !== undefined;
  await LocalDurableTestRunner.setupTestEnvironment({
    skipTime: options.skipTime,
    // While serving, a person or another program may answer: callback timeouts run in real time.
    ...(serving ? { callbackTimeoutGrace: Infinity } : {}),
  });
  const events: Event[] = [];
  let result: TestResult | undefined;
  let failure: CliError | undefined;
  const runner = new LocalDurableTestRunner({
    handlerFunction: handler as never,
    functionName,
    // Without --serve nobody can answer a callback: give up once only that would help.
    ...(serving ? {} : { noProgressTimeout: 1000, reportWaitingAfter: false as const }),
  });
  let server: HttpServiceHandle | undefined;
  try {
    if (serving) {
      // Serve during the run, so its callbacks can be answered over HTTP.
      server = await startServing(requireService(), served, options.serve as number, print);
    }
    for (const t of targets) {
      if (t.fn.kind === "durable") runner.registerDurableFunction(t.name, t.fn.handler);
      else runner.registerFunction(t.name, t.fn.handler);
    }
    const progress = options.skipTime ? undefined : progressPrinter((line) => print(line));
    requireService().watchExecutions((started) => {
      const root = started.ParentExecutionArn === undefined;
      const child = root
        ? undefined
        : progressPrinter((line) => print(line), started.DurableExecutionName);
      const observer: ExecutionObserver = {
        onEvent: (e) => {
          if (root) events.push(e);
          (root ? progress : options.skipTime ? undefined : child)?.(e);
        },
        ...(traceObserver ?? {}),
      };
      return observer;
    });
    if (answer !== undefined) {
      answerCallbacks(runner, JSON.stringify(answer), (line) => print(`[run-durable] ${line}`));
    }
    try {
      result = await runner.run(event.given ? { payload: event.value } : undefined);
    } catch (error) {
      failure = runFailure(error, answer !== undefined);
    }
  } finally {
    if (!serving) await LocalDurableTestRunner.teardownTestEnvironment();
  }

  const status = result?.getStatus();
  printReport(
    {
      operations: result ? operationsOf(result) : operationsSoFar(runner),
      events,
      status: failure ? undefined : status,
      invocations: events.filter((e) => e.EventType === "InvocationCompleted").length,
      showHistory: options.showHistory,
    },
    print,
  );
  print();
  if (options.timeline !== undefined) writeTimeline(options, io, events, print);
  if (options.record !== undefined) {
    saveRecording({ getHistoryEvents: () => events }, path.resolve(io.cwd, options.record));
    print(`Recording written to ${options.record} (replay it with run-durable replay)`);
    print();
  }
  if (failure) {
    await server?.close();
    if (serving) await LocalDurableTestRunner.teardownTestEnvironment();
    throw failure;
  }
  if (status === "SUCCEEDED") {
    print("Result:");
    print(String(JSON.stringify(result!.getResult(), null, 2)));
    return { code: ExitCode.OK, served, server };
  }
  print("Error:");
  print(JSON.stringify(result!.getError(), null, 2));
  return { code: ExitCode.EXECUTION_FAILED, served, server };
}

function writeTimeline(
  options: CliOptions,
  io: CliIo,
  events: readonly Event[],
  print: (line?: string) => void,
): void {
  const out = path.resolve(io.cwd, options.timeline as string);
  writeFileSync(
    out,
    renderTimelineHtml(events, { title: options.title ?? path.basename(options.file ?? "") }),
  );
  print(`Timeline written to ${options.timeline}`);
  print();
}

function operationsOf(result: TestResult): Operation[] {
  return result
    .getOperations()
    .map((h) => h.getOperationData())
    .filter((op): op is Operation => op !== undefined);
}

/** The operations the runner saw before the run was abandoned. */
function operationsSoFar(runner: LocalDurableTestRunner): Operation[] {
  const out: Operation[] = [];
  for (let i = 0; ; i++) {
    const op = runner.getOperationByIndex(i).getOperationData();
    if (op === undefined) return out;
    out.push(op);
  }
}

/** Why `run()` rejected, as the error the CLI exits with (code 1). */
function runFailure(error: unknown, answering: boolean): CliError {
  let message = error instanceof Error ? error.message : describeThrown(error);
  if (!answering && /callback/i.test(message)) {
    message +=
      "\nHint: pass --answer-callbacks '<json>' to have run-durable complete every callback, " +
      "or --serve to answer it over HTTP.";
  }
  return new CliError(
    message,
    ExitCode.EXECUTION_FAILED,
    false,
    error instanceof Error ? error.stack : undefined,
  );
}

/** A readable message for a thrown non-Error (the runner may reject with a plain object). */
export function describeThrown(value: unknown): string {
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
