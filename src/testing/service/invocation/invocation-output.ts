/**
 * Classification of what a durable handler invocation produced: a function
 * error, an invalid output, or a SUCCEEDED / FAILED / PENDING verdict.
 */
import type { ErrorObject } from "../../../types/wire";
import type { HandlerOutcome } from "./function-invoker";
import { copyError } from "../state/history-event";

/** What an invocation's outcome means for the execution. */
export type InvocationVerdict =
  | { kind: "invocation-error"; error: ErrorObject; invalidOutput?: boolean }
  | { kind: "succeeded"; result?: string }
  | { kind: "failed"; error?: ErrorObject }
  | { kind: "pending" };

/** Classifies a handler outcome; malformed outputs become invocation errors flagged `invalidOutput`. */
export function classifyOutput(outcome: HandlerOutcome): InvocationVerdict {
  if (outcome.kind === "error") return { kind: "invocation-error", error: outcome.error };
  const output = outcome.output as
    { Status?: unknown; Result?: unknown; Error?: unknown } | null | undefined;
  const invalid = (message: string): InvocationVerdict => ({
    kind: "invocation-error",
    invalidOutput: true,
    error: { ErrorType: "InvalidParameterValueException", ErrorMessage: message },
  });
  if (typeof output !== "object" || output === null) {
    return invalid(
      `Invalid durable invocation output: expected an object with a Status, got ${output === null ? "null" : typeof output}.`,
    );
  }
  switch (output.Status) {
    case "SUCCEEDED":
      if (output.Error !== undefined)
        return invalid("Cannot provide an Error for SUCCEEDED status.");
      if (output.Result !== undefined && typeof output.Result !== "string") {
        return invalid("Invalid durable invocation output: Result must be a string.");
      }
      return { kind: "succeeded", result: output.Result as string | undefined };
    case "FAILED":
      if (output.Result !== undefined) return invalid("Cannot provide a Result for FAILED status.");
      return {
        kind: "failed",
        error: output.Error ? copyError(output.Error as ErrorObject) : undefined,
      };
    case "PENDING":
      return { kind: "pending" };
    default:
      return invalid(
        `Invalid durable invocation output: unknown Status ${JSON.stringify(output.Status)}.`,
      );
  }
}
