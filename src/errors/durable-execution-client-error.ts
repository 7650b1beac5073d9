/**
 * How far a transport failure reaches: just this invocation, or the whole execution.
 *
 * @example
 * ```ts
 * throw new DurableExecutionClientError("credentials revoked", {
 *   scope: DurableExecutionClientErrorScope.EXECUTION,
 * });
 * ```
 */
export const DurableExecutionClientErrorScope = {
  /** The invocation cannot go on, but a later invocation may resume the execution. */
  INVOCATION: "INVOCATION",
  /** The execution must fail. */
  EXECUTION: "EXECUTION",
} as const;
/**
 * How far a transport failure reaches: just this invocation, or the whole execution.
 *
 * @example
 * ```ts
 * throw new DurableExecutionClientError("credentials revoked", {
 *   scope: DurableExecutionClientErrorScope.EXECUTION,
 * });
 * ```
 */
export type DurableExecutionClientErrorScope =
  (typeof DurableExecutionClientErrorScope)[keyof typeof DurableExecutionClientErrorScope];

/**
 * Options of {@link DurableExecutionClientError}.
 *
 * @example
 * ```ts
 * throw new DurableExecutionClientError("service unavailable", { scope: "INVOCATION", cause: error });
 * ```
 */
export interface DurableExecutionClientErrorOptions {
  /** Failure scope; `"INVOCATION"` when omitted. */
  scope?: DurableExecutionClientErrorScope;
  /** The underlying failure; set as `cause` only when not `undefined`. */
  cause?: unknown;
}

/**
 * Thrown by a {@link DurableExecutionClient} implementation to tell the SDK whether a
 * failed call should end only the current invocation or fail the execution.
 *
 * @example
 * ```ts
 * class MyClient implements DurableExecutionClient {
 *   async checkpoint(request: CheckpointDurableExecutionRequest) {
 *     const response = await fetch(url, { method: "POST", body: JSON.stringify(request) });
 *     if (response.status === 403) {
 *       throw new DurableExecutionClientError("forbidden", { scope: "EXECUTION" });
 *     }
 *     return response.json();
 *   }
 *   // getExecutionState(...) { ... }
 * }
 * ```
 */
export class DurableExecutionClientError extends Error {
  override name = "DurableExecutionClientError";
  /** Marker used by {@link isDurableExecutionClientError} across bundled copies. */
  readonly isDurableExecutionClientError = true;
  /** How far the failure reaches. */
  readonly scope: DurableExecutionClientErrorScope;

  /** Creates the error with the given scope (default `"INVOCATION"`) and cause. */
  constructor(message: string, options?: DurableExecutionClientErrorOptions) {
    super(message, options?.cause !== undefined ? { cause: options.cause } : undefined);
    this.scope = options?.scope ?? DurableExecutionClientErrorScope.INVOCATION;
  }
}

/**
 * Structural check for {@link DurableExecutionClientError}: an `Error` carrying the
 * marker flag and a known scope. Works even when the class comes from another copy
 * of the package.
 *
 * @example
 * ```ts
 * try {
 *   await client.checkpoint(request);
 * } catch (error) {
 *   if (isDurableExecutionClientError(error) && error.scope === "EXECUTION") giveUp();
 * }
 * ```
 */
export function isDurableExecutionClientError(
  error: unknown,
): error is DurableExecutionClientError {
  if (!(error instanceof Error)) return false;
  const candidate = error as Partial<DurableExecutionClientError>;
  return (
    candidate.isDurableExecutionClientError === true &&
    (candidate.scope === DurableExecutionClientErrorScope.INVOCATION ||
      candidate.scope === DurableExecutionClientErrorScope.EXECUTION)
  );
}
