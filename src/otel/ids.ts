import { createHash } from "node:crypto";

const SEPARATOR = "\u001f";

function hexDigest(parts: readonly string[], bytes: number): string {
  const hex = createHash("sha256")
    .update(parts.join(SEPARATOR))
    .digest("hex")
    .slice(0, bytes * 2);
  // An all-zero id is invalid in OpenTelemetry; the chance is negligible, but stay valid.
  return /^0+$/.test(hex) ? `${hex.slice(0, -1)}1` : hex;
}

/**
 * The trace id of a durable execution: the first 16 bytes of a SHA-256 over its ARN. Every
 * invocation (and every replay) of the execution computes the same id, so spans from all of
 * them land in one trace without anything being stored.
 *
 * @example
 * ```ts
 * import { executionTraceId } from "@aws/durable-execution-sdk-js/otel";
 * // Find the trace of an execution in your tracing backend:
 * console.log(executionTraceId(result.DurableExecutionArn));
 * ```
 */
export function executionTraceId(executionArn: string): string {
  return hexDigest(["trace", executionArn], 16);
}

/**
 * The trace id of one invocation in invocation-rooted mode (when no ambient span exists).
 *
 * @example
 * ```ts
 * const traceId = invocationTraceId(executionArn, lambdaContext.awsRequestId);
 * ```
 */
export function invocationTraceId(executionArn: string, requestId: string): string {
  return hexDigest(["invocation-trace", executionArn, requestId], 16);
}

/**
 * A span id derived from the execution ARN and a key (8 bytes of SHA-256). The keys the
 * plugin uses are listed in `docs/otel.md`; for example `["operation", operationId]`.
 *
 * @example
 * ```ts
 * const stepSpanId = durableSpanId(executionArn, "operation", operationId);
 * ```
 */
export function durableSpanId(executionArn: string, ...key: string[]): string {
  return hexDigest(["span", executionArn, ...key], 8);
}
