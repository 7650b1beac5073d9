/** Message of an unknown thrown value: its `message` when it is error-like, else its string form. */
function reasonMessage(reason: unknown): string {
  if (reason instanceof Error) return reason.message;
  if (typeof reason === "object" && reason !== null && "message" in reason) {
    return String((reason as { message: unknown }).message);
  }
  return String(reason);
}

/** `Error` options carrying `cause`, or none when it is undefined (no `cause` property then). */
export function withCause(cause: unknown): ErrorOptions | undefined {
  return cause === undefined ? undefined : { cause };
}

/**
 * Replay met an operation whose type, name or sub-type differs from the checkpoint
 * at the same position. The caller composes the full message.
 */
export class NonDeterministicExecutionError extends Error {
  override name = "NonDeterministicExecutionError";

  /** Creates the error with a caller-composed message. */
  constructor(message: string) {
    super(message);
  }
}

/** A serdes `serialize` or `deserialize` call threw; the invocation cannot continue. */
export class SerdesFailedError extends Error {
  override name = "SerdesFailedError";

  /** Creates the error with a full message and the original failure as `cause`. */
  constructor(message: string, cause?: unknown) {
    super(message, withCause(cause));
  }
}

/** How messages call each kind of operation, by sub-type. */
const KIND_BY_SUBTYPE: Readonly<Record<string, string>> = {
  RunInChildContext: "child context",
  Map: "map",
  MapIteration: "map item",
  Parallel: "parallel",
  ParallelBranch: "parallel branch",
  WaitForCallback: "waitForCallback",
  WaitForCondition: "waitForCondition",
  ChainedInvoke: "invoke",
  Callback: "callback",
};

/** How messages call an operation of `subType` ("map item", "invoke"; "step" by default). */
export function operationKind(subType: string | undefined): string {
  return KIND_BY_SUBTYPE[subType ?? ""] ?? "step";
}

/**
 * Builds the {@link SerdesFailedError} for a failed (de)serialization of an operation:
 * `[Unrecoverable Invocation] Serialization failed for map item "<name>" (<id>): <reason>`,
 * naming the operation by its kind (`step` unless the sub-type says otherwise); `hint` says
 * what to do.
 */
export function serdesFailed(
  kind: "Serialization" | "Deserialization",
  op: { name?: string; id: string; subType?: string },
  reason: unknown,
  hint = "",
): SerdesFailedError {
  const what = operationKind(op.subType);
  const label = op.name === undefined ? `(${op.id})` : `"${op.name}" (${op.id})`;
  return new SerdesFailedError(
    `[Unrecoverable Invocation] ${kind} failed for ${what} ${label}: ${reasonMessage(reason)}${hint}`,
    reason,
  );
}

/** A checkpoint call failed in a way that ends this invocation; the service retries it. */
export class CheckpointUnrecoverableInvocationError extends Error {
  override name = "CheckpointUnrecoverableInvocationError";

  /** Creates the error, prefixing `detail` (usually the cause's message). */
  constructor(detail: string, cause?: unknown) {
    super(`[Unrecoverable Invocation] Checkpoint failed: ${detail}`, withCause(cause));
  }
}

/** A checkpoint call failed in a way that fails the whole execution. */
export class CheckpointUnrecoverableExecutionError extends Error {
  override name = "CheckpointUnrecoverableExecutionError";

  /** Creates the error, prefixing `detail` (usually the cause's message). */
  constructor(detail: string, cause?: unknown) {
    super(`[Unrecoverable Execution] Checkpoint failed: ${detail}`, withCause(cause));
  }
}
