/**
 * The HTTP face of the embedded service: a `node:http` request listener that speaks the
 * Lambda durable execution REST API and the Lambda `Invoke` call
 * that starts an execution, translating each request into one call of
 * {@link DurableExecutionService}.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ErrorObject } from "../../types/wire";
import type { DurableExecutionService } from "../service/durable-execution-service";
import { callPlainHandler } from "../service/invocation/function-invoker";
import { createLambdaContext } from "../service/invocation/lambda-context";
import type { ExecutionStatusValue } from "../service/api/service-types";
import { errorReply, replyForThrown, type ErrorReply } from "./http-errors";
import { parseQueryTimestamp, restJson } from "./json-codec";

/** Names of the operations the HTTP face serves. */
export type HttpOperationName =
  | "CheckpointDurableExecution"
  | "GetDurableExecutionState"
  | "GetDurableExecution"
  | "GetDurableExecutionHistory"
  | "StopDurableExecution"
  | "ListDurableExecutionsByFunction"
  | "SendDurableExecutionCallbackSuccess"
  | "SendDurableExecutionCallbackFailure"
  | "SendDurableExecutionCallbackHeartbeat"
  | "Invoke";

/** What a fault injector and a request observer learn about a request. */
export interface HttpRequestInfo {
  /** The operation the request addresses. */
  readonly operation: HttpOperationName;
  readonly method: string;
  /** The raw request target (path and query, still percent-encoded). */
  readonly url: string;
  /** Decoded path labels (`DurableExecutionArn`, `CallbackId`, `FunctionName`). */
  readonly labels: Readonly<Record<string, string>>;
  /** The request body as UTF-8 text (empty when there is none). */
  readonly body: string;
  /** Value of the `X-Amzn-RequestId` header the answer carries. */
  readonly requestId: string;
}

/**
 * A failure to produce instead of serving a request: an error answer (any status; the shape
 * name picks the message member casing) or a dropped connection (the socket is destroyed
 * before anything is written).
 */
export type HttpFault =
  | {
      readonly type: "error";
      /** Error shape name for `X-Amzn-ErrorType`; default `ServiceException`. */
      readonly name?: string;
      /** Status code; default the shape's (500 for unknown names). */
      readonly status?: number;
      readonly message?: string;
      /** Adds a `Retry-After` header (seconds). */
      readonly retryAfterSeconds?: number;
    }
  | { readonly type: "drop" };

/** Decides, per request, whether to inject a fault. Called after the route is recognised. */
export type HttpFaultInjector = (request: HttpRequestInfo) => HttpFault | undefined;

/** Options of {@link createDurableHttpListener}. */
export interface DurableHttpListenerOptions {
  /** Inject faults (500, 429, dropped connections, …) for resilience tests. */
  faults?: HttpFaultInjector;
  /** Observes every recognised request (before faults are applied). */
  onRequest?: (request: HttpRequestInfo) => void;
  /** Largest accepted request body; larger bodies get `RequestTooLargeException`. Default 8 MiB. */
  maxBodyBytes?: number;
}

/** The Lambda API version prefix of the durable execution operations. */
export const DURABLE_API_VERSION = "2025-12-01";
/** The Lambda API version prefix of `Invoke`. */
export const INVOKE_API_VERSION = "2015-03-31";

const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;
const INVOCATION_TYPES = new Set(["Event", "RequestResponse", "DryRun"]);

interface Reply {
  status: number;
  body?: string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
}

interface RequestContext {
  readonly labels: Record<string, string>;
  readonly query: QueryParams;
  readonly body: Buffer;
  readonly headers: IncomingMessage["headers"];
}

interface Route {
  readonly method: string;
  /** Literal segments, or `{Label}` for a path label. */
  readonly pattern: readonly string[];
  readonly operation: HttpOperationName;
  readonly handle: (service: DurableExecutionService, ctx: RequestContext) => Promise<Reply>;
}

const D = DURABLE_API_VERSION;
const EXECUTIONS = "durable-executions";
const CALLBACKS = "durable-execution-callbacks";

const ROUTES: readonly Route[] = [
  {
    method: "POST",
    pattern: [D, EXECUTIONS, "{DurableExecutionArn}", "checkpoint"],
    operation: "CheckpointDurableExecution",
    handle: async (service, ctx) => {
      const body = jsonBody(ctx.body);
      return ok(
        await service.checkpointDurableExecution({
          DurableExecutionArn: ctx.labels.DurableExecutionArn,
          CheckpointToken: body.CheckpointToken as string | undefined,
          Updates: body.Updates as never,
          ClientToken: body.ClientToken as string | undefined,
        }),
      );
    },
  },
  {
    method: "GET",
    pattern: [D, EXECUTIONS, "{DurableExecutionArn}", "state"],
    operation: "GetDurableExecutionState",
    handle: async (service, { labels, query }) =>
      ok(
        await service.getDurableExecutionState({
          DurableExecutionArn: labels.DurableExecutionArn,
          CheckpointToken: query.string("CheckpointToken"),
          Marker: query.string("Marker"),
          MaxItems: query.integer("MaxItems"),
        }),
      ),
  },
  {
    method: "GET",
    pattern: [D, EXECUTIONS, "{DurableExecutionArn}"],
    operation: "GetDurableExecution",
    handle: async (service, { labels, query }) =>
      ok(
        await service.getDurableExecution({
          DurableExecutionArn: labels.DurableExecutionArn,
          IncludeExecutionData: query.boolean("IncludeExecutionData"),
        }),
      ),
  },
  {
    method: "GET",
    pattern: [D, EXECUTIONS, "{DurableExecutionArn}", "history"],
    operation: "GetDurableExecutionHistory",
    handle: async (service, { labels, query }) =>
      ok(
        await service.getDurableExecutionHistory({
          DurableExecutionArn: labels.DurableExecutionArn,
          IncludeExecutionData: query.boolean("IncludeExecutionData"),
          MaxItems: query.integer("MaxItems"),
          Marker: query.string("Marker"),
          ReverseOrder: query.boolean("ReverseOrder"),
        }),
      ),
  },
  {
    method: "POST",
    pattern: [D, EXECUTIONS, "{DurableExecutionArn}", "stop"],
    operation: "StopDurableExecution",
    handle: async (service, { labels, body }) =>
      ok(
        await service.stopDurableExecution({
          DurableExecutionArn: labels.DurableExecutionArn,
          Error: optionalErrorObject(body),
        }),
      ),
  },
  {
    method: "GET",
    pattern: [D, "functions", "{FunctionName}", EXECUTIONS],
    operation: "ListDurableExecutionsByFunction",
    handle: async (service, { labels, query }) =>
      ok(
        await service.listDurableExecutionsByFunction({
          FunctionName: labels.FunctionName,
          Qualifier: query.string("Qualifier"),
          DurableExecutionName: query.string("DurableExecutionName"),
          Statuses: query.list("Statuses") as ExecutionStatusValue[] | undefined,
          StartedAfter: query.timestamp("StartedAfter"),
          StartedBefore: query.timestamp("StartedBefore"),
          ReverseOrder: query.boolean("ReverseOrder"),
          Marker: query.string("Marker"),
          MaxItems: query.integer("MaxItems"),
        }),
      ),
  },
  {
    method: "POST",
    pattern: [D, CALLBACKS, "{CallbackId}", "succeed"],
    operation: "SendDurableExecutionCallbackSuccess",
    handle: async (service, { labels, body }) =>
      ok(
        await service.sendDurableExecutionCallbackSuccess({
          CallbackId: labels.CallbackId,
          // The result is the raw HTTP payload, whatever its content type.
          Result: body.length === 0 ? undefined : new Uint8Array(body),
        }),
      ),
  },
  {
    method: "POST",
    pattern: [D, CALLBACKS, "{CallbackId}", "fail"],
    operation: "SendDurableExecutionCallbackFailure",
    handle: async (service, { labels, body }) =>
      ok(
        await service.sendDurableExecutionCallbackFailure({
          CallbackId: labels.CallbackId,
          Error: optionalErrorObject(body),
        }),
      ),
  },
  {
    method: "POST",
    pattern: [D, CALLBACKS, "{CallbackId}", "heartbeat"],
    operation: "SendDurableExecutionCallbackHeartbeat",
    handle: async (service, { labels }) =>
      ok(await service.sendDurableExecutionCallbackHeartbeat({ CallbackId: labels.CallbackId })),
  },
  {
    method: "POST",
    pattern: [INVOKE_API_VERSION, "functions", "{FunctionName}", "invocations"],
    operation: "Invoke",
    handle: invoke,
  },
];

/**
 * Creates the request listener of the HTTP face for `service`. Pass it to
 * `http.createServer`; {@link startHttpService} does that and binds to loopback.
 */
export function createDurableHttpListener(
  service: DurableExecutionService,
  options: DurableHttpListenerOptions = {},
): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    void serve(service, options, request, response).catch((error: unknown) => {
      // Only reachable when writing the answer itself failed (e.g. the socket is gone).
      if (!response.headersSent && !response.destroyed) {
        send(response, randomUUID(), errorAnswer(replyForThrown(error)));
      } else {
        response.destroy();
      }
    });
  };
}

async function serve(
  service: DurableExecutionService,
  options: DurableHttpListenerOptions,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const requestId = randomUUID();
  const url = request.url ?? "/";
  const queryStart = url.indexOf("?");
  const rawPath = queryStart < 0 ? url : url.slice(0, queryStart);
  const rawQuery = queryStart < 0 ? "" : url.slice(queryStart + 1);

  let body: Buffer;
  try {
    body = await readBody(request, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      send(response, requestId, errorAnswer(errorReply("RequestTooLargeException", error.message)));
      // Stop reading the rest of an oversized upload.
      response.once("finish", () => request.destroy());
    } else {
      request.destroy();
    }
    return;
  }

  const segments = splitPath(rawPath);
  const match = segments && matchRoute(request.method ?? "GET", segments);
  const allowed = segments && !match ? allowedMethods(segments) : [];
  if (allowed.length > 0) {
    const reply = errorReply(
      "MethodNotAllowedException",
      `${request.method} is not allowed on ${rawPath}; allowed: ${allowed.join(", ")}.`,
    );
    send(
      response,
      requestId,
      errorAnswer({ ...reply, headers: { ...reply.headers, Allow: allowed.join(", ") } }),
    );
    return;
  }
  if (!match) {
    const reply = segments
      ? errorReply(
          "UnknownOperationException",
          `No operation matches ${request.method} ${rawPath}.`,
        )
      : errorReply("InvalidRequestContentException", "The request path is not correctly encoded.");
    send(response, requestId, errorAnswer(reply));
    return;
  }

  const info: HttpRequestInfo = {
    operation: match.route.operation,
    method: request.method ?? "GET",
    url,
    labels: match.labels,
    body: body.toString("utf8"),
    requestId,
  };
  options.onRequest?.(info);
  const fault = options.faults?.(info);
  if (fault?.type === "drop") {
    request.socket.destroy();
    return;
  }
  if (fault?.type === "error") {
    const reply = errorReply(
      fault.name ?? "ServiceException",
      fault.message ?? `Injected fault for ${info.operation}.`,
      { status: fault.status, retryAfterSeconds: fault.retryAfterSeconds },
    );
    send(response, requestId, errorAnswer(reply));
    return;
  }

  let reply: Reply;
  try {
    const query = new QueryParams(rawQuery);
    reply = await match.route.handle(service, {
      labels: match.labels,
      query,
      body,
      headers: request.headers,
    });
  } catch (error) {
    reply = errorAnswer(error instanceof ReplyError ? error.reply : replyForThrown(error));
  }
  send(response, requestId, reply);
}

// ------------------------------------------------------------------ Invoke

async function invoke(service: DurableExecutionService, ctx: RequestContext): Promise<Reply> {
  const functionName = ctx.labels.FunctionName;
  const invocationType = header(ctx.headers, "x-amz-invocation-type") ?? "RequestResponse";
  if (!INVOCATION_TYPES.has(invocationType)) {
    throw invalidParameter(
      `Invalid value for X-Amz-Invocation-Type: ${invocationType} (expected Event, RequestResponse or DryRun).`,
    );
  }
  const payload = ctx.body.toString("utf8");
  let event: unknown = {};
  if (payload.trim() !== "") {
    try {
      event = JSON.parse(payload);
    } catch {
      throw replyError(
        errorReply("InvalidRequestContentException", "Could not parse request body into json."),
      );
    }
  }
  const qualifier = ctx.query.string("Qualifier");
  service.checkQualifier(functionName, qualifier);
  const fn = service.resolveFunction(
    qualifier === undefined ? functionName : `${functionName}:${qualifier}`,
  );
  if (invocationType === "DryRun") {
    if (!fn) {
      // Let the service word the not-found error.
      await service.startDurableExecution({ FunctionName: functionName, Qualifier: qualifier });
    }
    return { status: 204 };
  }

  if (fn?.kind === "plain") {
    // A plain function is simply called, as Lambda would.
    const run = callPlainHandler(
      fn.handler,
      event,
      createLambdaContext(randomUUID(), functionName),
    );
    if (invocationType === "Event") {
      void run;
      return { status: 202 };
    }
    const outcome = await run;
    if (outcome.error) return functionError(outcome.error, {});
    return { status: 200, body: outcome.result ?? "null", contentType: "application/json" };
  }

  const started = await service.startDurableExecution({
    FunctionName: functionName,
    Qualifier: qualifier,
    Payload: payload,
    DurableExecutionName: header(ctx.headers, "x-amz-durable-execution-name"),
    InvocationType: invocationType as "Event" | "RequestResponse",
    TenantId: header(ctx.headers, "x-amz-tenant-id"),
  });
  const arn = started.DurableExecutionArn;
  const description = await service.getDurableExecution({
    DurableExecutionArn: arn,
    IncludeExecutionData: false,
  });
  const headers = {
    "X-Amz-Durable-Execution-Arn": arn,
    "X-Amz-Executed-Version": description.Version,
  };
  if (invocationType === "Event") return { status: 202, headers };
  const done = await service.waitForExecution(arn);
  if (done.Status === "SUCCEEDED") {
    return { status: 200, body: done.Result ?? "null", contentType: "application/json", headers };
  }
  return functionError(
    done.Error ?? { ErrorType: done.Status, ErrorMessage: `Durable execution ${done.Status}.` },
    headers,
  );
}

/** A function error as Lambda reports it: 200, `X-Amz-Function-Error`, error JSON payload. */
function functionError(error: ErrorObject, headers: Record<string, string>): Reply {
  const payload: Record<string, unknown> = {
    errorType: error.ErrorType,
    errorMessage: error.ErrorMessage,
  };
  if (error.StackTrace) payload.trace = error.StackTrace;
  return {
    status: 200,
    body: JSON.stringify(payload),
    contentType: "application/json",
    headers: { ...headers, "X-Amz-Function-Error": "Unhandled" },
  };
}

// ------------------------------------------------------------------ request parsing

/** Splits the raw path on `/` first, then percent-decodes each segment. */
export function splitPath(rawPath: string): string[] | undefined {
  const parts = rawPath.split("/").filter((part, i) => !(i === 0 && part === ""));
  if (parts.length > 0 && parts[parts.length - 1] === "") parts.pop();
  try {
    return parts.map((part) => decodeURIComponent(part));
  } catch {
    return undefined;
  }
}

/** Methods of the routes whose path matches `segments` (for 405 answers). */
function allowedMethods(segments: readonly string[]): string[] {
  const methods = new Set<string>();
  for (const route of ROUTES) {
    if (matchRoute(route.method, segments)?.route === route) methods.add(route.method);
  }
  return [...methods];
}

function matchRoute(
  method: string,
  segments: readonly string[],
): { route: Route; labels: Record<string, string> } | undefined {
  for (const route of ROUTES) {
    if (route.method !== method || route.pattern.length !== segments.length) continue;
    const labels: Record<string, string> = {};
    let matched = true;
    for (let i = 0; i < segments.length && matched; i++) {
      const part = route.pattern[i];
      if (part.startsWith("{")) labels[part.slice(1, -1)] = segments[i];
      else matched = part === segments[i];
    }
    if (matched) return { route, labels };
  }
  return undefined;
}

/**
 * Query parameters, decoded per RFC 3986 (`+` stays a plus sign: the AWS SDK encodes spaces
 * as `%20` and base64 tokens contain `+`).
 */
export class QueryParams {
  private readonly values = new Map<string, string[]>();

  constructor(rawQuery: string) {
    for (const pair of rawQuery.split("&")) {
      if (pair === "") continue;
      const eq = pair.indexOf("=");
      const key = decodeQueryPart(eq < 0 ? pair : pair.slice(0, eq));
      const value = eq < 0 ? "" : decodeQueryPart(pair.slice(eq + 1));
      const list = this.values.get(key);
      if (list) list.push(value);
      else this.values.set(key, [value]);
    }
  }

  /** The first value of `key`. */
  string(key: string): string | undefined {
    return this.values.get(key)?.[0];
  }

  /** Every value of a repeated `key`. */
  list(key: string): string[] | undefined {
    return this.values.get(key);
  }

  /** An integer; a malformed number is an `InvalidParameterValueException`. */
  integer(key: string): number | undefined {
    const text = this.string(key);
    if (text === undefined) return undefined;
    if (!/^-?\d+$/.test(text)) throw invalidParameter(`Invalid value for ${key}: ${text}.`);
    return Number(text);
  }

  /** `true` or `false`; anything else is an `InvalidParameterValueException`. */
  boolean(key: string): boolean | undefined {
    const text = this.string(key);
    if (text === undefined) return undefined;
    if (text === "true") return true;
    if (text === "false") return false;
    throw invalidParameter(`Invalid value for ${key}: ${text} (expected true or false).`);
  }

  /** An ISO-8601 date-time. */
  timestamp(key: string): Date | undefined {
    const text = this.string(key);
    if (text === undefined) return undefined;
    const date = parseQueryTimestamp(text);
    if (!date) throw invalidParameter(`Invalid value for ${key}: ${text} (expected ISO-8601).`);
    return date;
  }
}

function decodeQueryPart(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw invalidParameter("The query string is not correctly encoded.");
  }
}

function jsonBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let value: unknown;
  try {
    value = JSON.parse(body.toString("utf8"));
  } catch {
    throw replyError(
      errorReply("InvalidRequestContentException", "Could not parse request body into json."),
    );
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw replyError(
      errorReply("InvalidRequestContentException", "The request body must be a JSON object."),
    );
  }
  return value as Record<string, unknown>;
}

/** An ErrorObject payload (callback failure, stop): `undefined` for an empty body or `{}`. */
function optionalErrorObject(body: Buffer): ErrorObject | undefined {
  const value = jsonBody(body);
  return Object.keys(value).length === 0 ? undefined : (value as ErrorObject);
}

function header(headers: IncomingMessage["headers"], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

class BodyTooLargeError extends Error {}

function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    request.on("data", (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(new BodyTooLargeError(`Request must be smaller than ${limit} bytes.`));
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    request.on("error", (error) => {
      if (!failed) reject(error);
    });
  });
}

// ------------------------------------------------------------------ answers

/** An error thrown by the HTTP layer itself, carrying its ready-made answer. */
class ReplyError extends Error {
  constructor(readonly reply: ErrorReply) {
    super(String(reply.body.message ?? reply.body.Message));
    this.name = reply.name;
  }
}

function replyError(reply: ErrorReply): ReplyError {
  return new ReplyError(reply);
}

function invalidParameter(message: string): ReplyError {
  return replyError(errorReply("InvalidParameterValueException", message));
}

function ok(value: unknown): Reply {
  return { status: 200, body: restJson(value), contentType: "application/json" };
}

function errorAnswer(reply: ErrorReply): Reply {
  return {
    status: reply.status,
    body: JSON.stringify(reply.body),
    contentType: "application/json",
    headers: reply.headers,
  };
}

function send(response: ServerResponse, requestId: string, reply: Reply): void {
  if (response.destroyed) return;
  const headers: Record<string, string | number> = {
    "X-Amzn-RequestId": requestId,
    ...reply.headers,
  };
  const body = reply.body ?? "";
  if (reply.status !== 204) {
    headers["Content-Type"] = reply.contentType ?? "application/json";
    headers["Content-Length"] = Buffer.byteLength(body);
  }
  response.writeHead(reply.status, headers);
  response.end(reply.status === 204 ? undefined : body);
}
