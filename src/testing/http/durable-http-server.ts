/**
 * The HTTP face of the embedded service: a `node:http` request listener that speaks the
 * Lambda durable execution REST API and the Lambda `Invoke` call
 * that starts an execution, translating each request into one call of
 * {@link DurableExecutionService}.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { DurableExecutionService } from "../service/durable-execution-service";
import { errorReply, replyForThrown } from "./http-errors";
import { errorAnswer, ReplyError, send, type Reply } from "./replies";
import { BodyTooLargeError, QueryParams, readBody, splitPath } from "./request-parsing";
import { allowedMethods, matchRoute, type HttpOperationName } from "./routes";

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

const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;

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
