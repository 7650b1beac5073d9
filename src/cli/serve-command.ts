/**
 * `run-durable serve <file>...`: registers each handler file under its file name (and every
 * `--function` target under its name) with an embedded service, and serves the Lambda REST
 * API over HTTP until Ctrl-C, printing a progress line as operations start and end.
 */
import {
  serveBanner,
  serveUntilInterrupted,
  startHttpService,
  type HttpServiceHandle,
} from "../testing/http/serve";
import * as path from "node:path";
import { isolatedHandler } from "../testing/isolation/isolated-handler";
import { DurableExecutionService } from "../testing/service/durable-execution-service";
import type {
  DurableLambdaHandler,
  PlainLambdaHandler,
} from "../testing/service/api/service-types";
import type { CliOptions } from "./args";
import { ExitCode } from "./cli-error";
import { loadHandler } from "./load-handler";
import { progressPrinter } from "./progress";
import {
  describeTargets,
  functionNameOf,
  loadTargets,
  registeredFunction,
  type Target,
} from "./targets";
import { installTrace, traceWanted } from "./trace";
import type { CliIo } from "./cli-io";

/** Runs the `serve` command until interrupted (or until `until` resolves, for tests). */
export async function serveCommand(
  options: CliOptions,
  io: CliIo,
  print: (line?: string) => void,
  until?: Promise<void>,
): Promise<number> {
  const traceObserver = traceWanted(options.verbose)
    ? installTrace((line) => io.err(`${line}\n`))
    : undefined;
  const targets: Target[] = [];
  for (const file of options.files) {
    const loaded = await loadHandler(file, options.handlerExport, io.cwd);
    targets.push({
      name: functionNameOf(file),
      file,
      exportName: loaded.exportName,
      fn: options.isolate
        ? {
            kind: "durable",
            handler: isolatedHandler({
              modulePath: path.resolve(io.cwd, file),
              exportName: loaded.exportName,
            }),
          }
        : registeredFunction(loaded.handler),
    });
  }
  targets.push(...(await loadTargets(options.functions, io.cwd)));

  // A person or another program answers callbacks: their timeouts run in real time.
  const service = new DurableExecutionService({
    skipTime: options.skipTime,
    callbackGraceMs: Infinity,
  });
  print(`Serving ${targets.length} function(s) (skip time: ${options.skipTime}):`);
  for (const line of describeTargets(targets)) print(line);
  service.watchExecutions((started) => ({
    onEvent: progressPrinter((line) => print(line), started.DurableExecutionName),
    ...(traceObserver ?? {}),
  }));
  try {
    await serveTargets(service, targets, options.serve ?? 0, print, until);
  } finally {
    service.close();
  }
  return ExitCode.OK;
}

/** The handlers and plain functions of `targets`, by name, as the HTTP face registers them. */
function registrations(targets: readonly Target[]) {
  const handlers: Record<string, DurableLambdaHandler> = {};
  const functions: Record<string, PlainLambdaHandler> = {};
  for (const t of targets) {
    if (t.fn.kind === "durable") handlers[t.name] = t.fn.handler;
    else functions[t.name] = t.fn.handler;
  }
  return { handlers, functions };
}

/** Starts serving `targets` on `service` (`run --serve`) and prints the banner. */
export async function startServing(
  service: DurableExecutionService,
  targets: readonly Target[],
  port: number,
  print: (line?: string) => void,
): Promise<HttpServiceHandle> {
  const handle = await startHttpService({ port, service, ...registrations(targets) });
  for (const line of serveBanner(
    handle.url,
    targets.map((t) => t.name),
  ))
    print(line);
  print();
  return handle;
}

/** Serves `targets` on `service` over HTTP until interrupted. */
export async function serveTargets(
  service: DurableExecutionService,
  targets: readonly Target[],
  port: number,
  print: (line?: string) => void,
  until?: Promise<void>,
): Promise<void> {
  await serveUntilInterrupted({
    port,
    service,
    ...registrations(targets),
    print,
    ...(until ? { until } : {}),
  });
}
