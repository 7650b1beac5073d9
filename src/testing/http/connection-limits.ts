/**
 * Limits that keep the HTTP face alive under slow or hostile clients: a client must send its
 * headers and its whole request within fixed times, idle keep-alive sockets are closed, and
 * the number of open connections is capped. A synchronous `Invoke` may still take as long as
 * its execution: the request timeout only covers receiving the request.
 */
import type { ServerOptions } from "node:http";

/**
 * Limits of the HTTP face; every field is optional.
 *
 * @example
 * ```ts
 * await startHttpService({ limits: { maxConnections: 32, requestTimeoutMs: 10_000 } });
 * ```
 */
export interface HttpLimits {
  /** Real ms to receive a complete request (headers and body). Default 30,000. */
  requestTimeoutMs?: number;
  /** Real ms to receive the request headers. Default 10,000. */
  headersTimeoutMs?: number;
  /** Real ms an idle keep-alive connection stays open. Default 5,000. */
  keepAliveTimeoutMs?: number;
  /** Open connections at most; further ones are closed at once. Default 256. */
  maxConnections?: number;
}

/**
 * The defaults of {@link HttpLimits}.
 *
 * @example
 * ```ts
 * console.log(DEFAULT_HTTP_LIMITS.maxConnections); // 256
 * ```
 */
export const DEFAULT_HTTP_LIMITS: Required<HttpLimits> = {
  requestTimeoutMs: 30_000,
  headersTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 256,
};

/**
 * The `http.createServer` options for `limits`, plus the connection cap to set on the server.
 *
 * @example
 * ```ts
 * const { serverOptions, maxConnections } = httpServerLimits({ requestTimeoutMs: 5000 });
 * const server = createServer(serverOptions, listener);
 * server.maxConnections = maxConnections;
 * ```
 */
export function httpServerLimits(limits: HttpLimits = {}): {
  serverOptions: ServerOptions;
  maxConnections: number;
} {
  const l = { ...DEFAULT_HTTP_LIMITS, ...definedOnly(limits) };
  const headersTimeout = Math.min(l.headersTimeoutMs, l.requestTimeoutMs);
  return {
    serverOptions: {
      requestTimeout: l.requestTimeoutMs,
      headersTimeout,
      keepAliveTimeout: l.keepAliveTimeoutMs,
      // how often Node checks the two timeouts above (its default, 30 s, is too coarse)
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(headersTimeout / 2))),
    },
    maxConnections: l.maxConnections,
  };
}

function definedOnly(limits: HttpLimits): HttpLimits {
  return Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined));
}
