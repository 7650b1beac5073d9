/**
 * Starts the embedded durable execution service behind an HTTP server with the Lambda REST
 * paths, so the AWS SDK, the AWS CLI and the SDK's default transport can talk to it
 * (`run-durable --serve [port]`).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  DurableExecutionService,
  type DurableExecutionServiceOptions,
} from "../service/durable-execution-service";
import type { DurableLambdaHandler, PlainLambdaHandler } from "../service/api/service-types";
import {
  createDurableHttpListener,
  type HttpFaultInjector,
  type HttpRequestInfo,
} from "./durable-http-server";
import { httpServerLimits, type HttpLimits } from "./connection-limits";
import { viaLambdaApi } from "./lambda-envelope";

/** How handlers registered through {@link startHttpService} reach the service. */
export type HandlerTransport =
  /** The service's in-process client (fast; nothing travels over HTTP). */
  | "in-process"
  /**
   * A plain JSON envelope, as Lambda delivers it: the handler uses its configured transport,
   * by default the real Lambda API client, which must point at this server
   * (`AWS_ENDPOINT_URL_LAMBDA`; see `configureEnvironment`).
   */
  | "lambda-api";

/**
 * Options of {@link startHttpService}.
 *
 * @example
 * ```ts
 * const http = await startHttpService({
 *   port: 9014,
 *   handlers: { orders: ordersHandler },
 *   functions: { "tax-function": taxHandler },
 * });
 * ```
 */
export interface StartHttpServiceOptions {
  /** TCP port; `0` (default) picks a free one. */
  port?: number;
  /** Interface to bind; default `127.0.0.1` (loopback only). */
  host?: string;
  /** Serve this service; when absent a new one is created from `serviceOptions` and closed with the server. */
  service?: DurableExecutionService;
  /** Options of the service created when `service` is absent. */
  serviceOptions?: DurableExecutionServiceOptions;
  /** Durable functions (what `withDurableExecution` returns) to register, by function name. */
  handlers?: Record<string, DurableLambdaHandler>;
  /** Plain Lambda handlers to register (chained-invoke targets, plain `Invoke`), by name. */
  functions?: Record<string, PlainLambdaHandler>;
  /** Transport of the registered durable handlers. Default `in-process`. */
  handlerTransport?: HandlerTransport;
  /**
   * With `handlerTransport: "lambda-api"`: point this process's AWS SDK at the server by
   * setting `AWS_ENDPOINT_URL_LAMBDA`, and dummy credentials and region when none are set.
   * Default `true`. Must happen before the SDK creates its client (it does so lazily).
   */
  configureEnvironment?: boolean;
  /** Fault injection (status codes, dropped connections) for resilience tests. */
  faults?: HttpFaultInjector;
  /** Observer of every recognised request. */
  onRequest?: (request: HttpRequestInfo) => void;
  /** Request/header timeouts and the connection cap (defaults in `DEFAULT_HTTP_LIMITS`). */
  limits?: HttpLimits;
}

/**
 * A running HTTP face.
 *
 * @example
 * ```ts
 * const http = await startHttpService({ handlers: { orders: handler } });
 * console.log(`export AWS_ENDPOINT_URL_LAMBDA=${http.url}`);
 * await http.close();
 * ```
 */
export interface HttpServiceHandle {
  /** Base URL, e.g. `http://127.0.0.1:9014` — the value for `AWS_ENDPOINT_URL_LAMBDA`. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** The service behind the server. */
  readonly service: DurableExecutionService;
  /** The underlying `node:http` server. */
  readonly server: Server;
  /** Stops listening, drops open connections, and closes the service if it was created here. */
  close(): Promise<void>;
}

/**
 * Starts an HTTP server for the embedded service on `host:port` (default loopback, any free
 * port) and resolves once it is listening. Rejects when the port cannot be bound.
 *
 * @example
 * ```ts
 * const http = await startHttpService({ handlers: { orders: handler } });
 * // The AWS SDK or CLI can now talk to it:
 * //   AWS_ENDPOINT_URL_LAMBDA=<http.url> aws lambda list-durable-executions-by-function ...
 * await http.close();
 * ```
 */
export async function startHttpService(
  options: StartHttpServiceOptions = {},
): Promise<HttpServiceHandle> {
  const host = options.host ?? "127.0.0.1";
  const ownsService = options.service === undefined;
  const service = options.service ?? new DurableExecutionService(options.serviceOptions);
  const transport = options.handlerTransport ?? "in-process";
  for (const [name, handler] of Object.entries(options.handlers ?? {})) {
    service.registerDurableFunction(
      name,
      transport === "lambda-api" ? viaLambdaApi(handler) : handler,
    );
  }
  for (const [name, handler] of Object.entries(options.functions ?? {})) {
    service.registerFunction(name, handler);
  }

  const { serverOptions, maxConnections } = httpServerLimits(options.limits);
  const server = createServer(
    serverOptions,
    createDurableHttpListener(service, { faults: options.faults, onRequest: options.onRequest }),
  );
  server.maxConnections = maxConnections;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? 0, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (error) {
    if (ownsService) service.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;

  if (transport === "lambda-api" && (options.configureEnvironment ?? true)) {
    pointAwsSdkAt(url);
  }

  let closing: Promise<void> | undefined;
  return {
    url,
    host,
    port,
    service,
    server,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        if (ownsService) service.close();
      })),
  };
}

/**
 * Sets `AWS_ENDPOINT_URL_LAMBDA` to `url`, and dummy credentials and a region when the
 * process has none, so that AWS SDK Lambda clients created afterwards talk to the server.
 */
export function pointAwsSdkAt(url: string): void {
  process.env.AWS_ENDPOINT_URL_LAMBDA = url;
  if (!process.env.AWS_ACCESS_KEY_ID && !process.env.AWS_PROFILE) {
    process.env.AWS_ACCESS_KEY_ID = "local";
    process.env.AWS_SECRET_ACCESS_KEY = "local";
  }
  if (!process.env.AWS_REGION && !process.env.AWS_DEFAULT_REGION) {
    process.env.AWS_REGION = "us-east-1";
  }
}

/**
 * The lines `run-durable --serve` prints: where the service listens, the ready-to-paste
 * `AWS_ENDPOINT_URL_LAMBDA` line, and the function names it serves with an example call.
 *
 * @example
 * ```ts
 * for (const line of serveBanner(handle.url, ["order"])) console.log(line);
 * ```
 */
export function serveBanner(url: string, functionNames: readonly string[]): string[] {
  const lines = [
    `Embedded durable execution service listening on ${url}`,
    `  export AWS_ENDPOINT_URL_LAMBDA=${url}`,
    "  (any region and credentials; e.g. AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local)",
    `Functions: ${functionNames.join(", ")}`,
  ];
  const first = functionNames[0];
  if (first !== undefined) {
    lines.push(
      `  aws lambda invoke --function-name ${first} --cli-binary-format raw-in-base64-out --payload '{}' out.json`,
      `  aws lambda list-durable-executions-by-function --function-name ${first}`,
    );
  }
  lines.push("Press Ctrl-C to stop.");
  return lines;
}

/**
 * Resolves at the first SIGINT or SIGTERM.
 *
 * @example
 * ```ts
 * await untilInterrupted();
 * await handle.close();
 * ```
 */
export function untilInterrupted(): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}

/** Options of {@link serveUntilInterrupted}. */
export interface ServeUntilInterruptedOptions extends StartHttpServiceOptions {
  /** Where the banner goes (one line per call). */
  print: (line: string) => void;
  /** Resolves to stop serving; default: the first SIGINT or SIGTERM. */
  until?: Promise<void>;
}

/**
 * `run-durable serve`: starts {@link startHttpService}, prints {@link serveBanner} for the
 * served functions, and keeps serving until interrupted; then closes the server.
 *
 * @example
 * ```ts
 * await serveUntilInterrupted({ port: 9014, handlers: { order: lambdaHandler }, print: console.log });
 * ```
 */
export async function serveUntilInterrupted(options: ServeUntilInterruptedOptions): Promise<void> {
  const handle = await startHttpService(options);
  const names = [...Object.keys(options.handlers ?? {}), ...Object.keys(options.functions ?? {})];
  for (const line of serveBanner(handle.url, names)) options.print(line);
  await (options.until ?? untilInterrupted());
  await handle.close();
}
