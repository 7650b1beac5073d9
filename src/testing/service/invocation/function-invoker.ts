/** Calls user handlers (durable and plain) and turns what they do into outcomes. */
import type { Context } from "aws-lambda";
import type { ErrorObject } from "../../../types/wire";
import type { DurableLambdaHandler, PlainLambdaHandler } from "../api/service-types";

/** What one handler call produced. */
export type HandlerOutcome =
  { kind: "output"; output: unknown } | { kind: "error"; error: ErrorObject };

/** Converts a thrown value to the ErrorObject Lambda reports for a function error. */
function thrownToErrorObject(value: unknown): ErrorObject {
  if (value instanceof Error) {
    const out: ErrorObject = { ErrorType: value.name, ErrorMessage: value.message };
    if (value.stack) out.StackTrace = value.stack.split("\n");
    return out;
  }
  return { ErrorMessage: String(value) };
}

/** Calls a durable handler with an envelope; a throw or rejection becomes an error outcome. */
export async function callDurableHandler(
  handler: DurableLambdaHandler,
  event: unknown,
  context: Context,
): Promise<HandlerOutcome> {
  try {
    const output = await handler(event, context);
    return { kind: "output", output };
  } catch (error) {
    return { kind: "error", error: thrownToErrorObject(error) };
  }
}

/**
 * Calls a plain Lambda handler as a chained-invoke target: `handler(event, context, callback)`;
 * it may return a value, a promise, or call the callback.
 */
export function callPlainHandler(
  handler: PlainLambdaHandler,
  event: unknown,
  context: Context,
): Promise<{ result?: string; error?: ErrorObject }> {
  return new Promise((resolve) => {
    let settled = false;
    const succeed = (value: unknown) => {
      if (settled) return;
      settled = true;
      resolve(value === undefined ? {} : { result: JSON.stringify(value) });
    };
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      resolve({ error: thrownToErrorObject(error) });
    };
    const callback = (error?: unknown, value?: unknown) => {
      if (error !== undefined && error !== null)
        fail(error instanceof Error ? error : new Error(String(error)));
      else succeed(value);
    };
    try {
      const returned = handler(event, context, callback) as unknown;
      if (returned && typeof (returned as PromiseLike<unknown>).then === "function") {
        (returned as PromiseLike<unknown>).then(succeed, fail);
      } else if (returned !== undefined || handler.length < 3) {
        succeed(returned);
      }
    } catch (error) {
      fail(error);
    }
  });
}
