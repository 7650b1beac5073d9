/** Conversions between stored data and what the testing API reports. */
import type { ErrorObject, Operation as StoredOperation } from "../types/wire";
import type { Operation } from "./operation-types";
import type { TestResultError } from "./types";

/** `JSON.parse` of a stored string, the raw string when it is not JSON, `undefined` when absent. */
export function parseStored(value: string | undefined): any {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** Converts an ErrorObject to a `TestResultError` (`undefined` stays `undefined`). */
export function toTestResultError(error: ErrorObject | undefined): TestResultError | undefined {
  if (error === undefined) return undefined;
  return {
    errorMessage: error.ErrorMessage,
    errorType: error.ErrorType,
    errorData: error.ErrorData,
    stackTrace: error.StackTrace ? [...error.StackTrace] : undefined,
  };
}

/**
 * A stored operation as the testing API hands it out (the `@aws-sdk/client-lambda` shape, in
 * which `StartTimestamp` is always present).
 */
export function toLambdaOperation(op: StoredOperation): Operation {
  return { ...op, StartTimestamp: op.StartTimestamp };
}
