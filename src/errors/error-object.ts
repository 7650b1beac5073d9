import type { ErrorObject } from "../types/wire";
import { DurableOperationError } from "./durable-operation-errors";

/**
 * Converts any thrown value into the error record written to checkpoints and the
 * `FAILED` output: durable errors use their own conversion, error-like values give
 * their `name` and `message`, anything else becomes `"Unknown error"`. Stack traces
 * are never included.
 */
export function toErrorObject(thrown: unknown): ErrorObject {
  if (thrown instanceof DurableOperationError) return thrown.toErrorObject();
  if (thrown instanceof Error) {
    return { ErrorType: String(thrown.name), ErrorMessage: String(thrown.message) };
  }
  if (typeof thrown === "object" && thrown !== null) {
    const { name, message } = thrown as { name?: unknown; message?: unknown };
    if (typeof name === "string" && typeof message === "string") {
      return { ErrorType: name, ErrorMessage: message };
    }
  }
  return { ErrorMessage: "Unknown error" };
}
