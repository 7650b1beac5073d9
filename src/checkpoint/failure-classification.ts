import { isDurableExecutionClientError } from "../errors/durable-execution-client-error";

/** Whether a failed service call ends only this invocation or the whole execution. */
export type FailureScope = "INVOCATION" | "EXECUTION";

const KMS_ERRORS = new Set([
  "KMSAccessDeniedException",
  "KMSDisabledException",
  "KMSInvalidStateException",
  "KMSNotFoundException",
]);

interface AwsLikeError {
  name?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

/** True for the KMS misconfiguration errors that fail the execution. */
export function isKmsError(error: unknown): boolean {
  return (
    typeof error === "object" &&
    error !== null &&
    KMS_ERRORS.has(String((error as AwsLikeError).name))
  );
}

/** True for the service's stale/invalid checkpoint token rejection. */
export function isInvalidTokenError(error: unknown): boolean {
  const e = error as AwsLikeError | undefined;
  return (
    e?.name === "InvalidParameterValueException" &&
    typeof e.message === "string" &&
    e.message.startsWith("Invalid Checkpoint Token")
  );
}

/**
 * Classifies a failed checkpoint call: an explicit client scope wins; then an invalid token
 * is invocation-level, KMS errors and other 4xx (except 429) are execution-level, and
 * everything else (429, 5xx, network, unknown) is invocation-level.
 */
export function classifyCheckpointFailure(error: unknown): FailureScope {
  if (isDurableExecutionClientError(error)) return error.scope;
  if (isInvalidTokenError(error)) return "INVOCATION";
  if (isKmsError(error)) return "EXECUTION";
  const status = (error as AwsLikeError | undefined)?.$metadata?.httpStatusCode;
  if (typeof status === "number" && status >= 400 && status < 500 && status !== 429) {
    return "EXECUTION";
  }
  return "INVOCATION";
}

/** Failures worth retrying within the invocation: everything invocation-level except a bad token. */
export function isTransientFailure(error: unknown): boolean {
  return (
    classifyCheckpointFailure(error) === "INVOCATION" &&
    !isInvalidTokenError(error) &&
    !isDurableExecutionClientError(error)
  );
}

/**
 * Classifies a failed `GetDurableExecutionState` at start-up: only an EXECUTION-scoped client
 * error or a KMS error fails the execution; everything else fails the invocation.
 */
export function classifyStateLoadFailure(error: unknown): FailureScope {
  if (isDurableExecutionClientError(error)) return error.scope;
  return isKmsError(error) ? "EXECUTION" : "INVOCATION";
}
