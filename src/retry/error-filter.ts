import type { RetryableErrorFilter } from "../types/retry";

/**
 * Builds the "is this error retryable" test of a retry strategy. With neither list
 * given every error is retryable; otherwise an error must match a message pattern
 * or be an instance of a listed class.
 */
export function createErrorFilter({
  retryableErrors,
  retryableErrorTypes,
}: RetryableErrorFilter): (error: Error) => boolean {
  if (retryableErrors === undefined && retryableErrorTypes === undefined) return () => true;
  const patterns = retryableErrors ?? [];
  const types = retryableErrorTypes ?? [];
  return (error) => {
    const message = error instanceof Error ? error.message : String(error);
    return (
      patterns.some((pattern) =>
        typeof pattern === "string" ? message.includes(pattern) : message.search(pattern) !== -1,
      ) || types.some((type) => error instanceof type)
    );
  };
}
