/** Starts one durable execution of a deployed function with the Lambda `Invoke` call. */
import { randomUUID } from "node:crypto";
import { InvokeCommand, type LambdaClient } from "@aws-sdk/client-lambda";
import type { InvocationType } from "../enums";

/** What {@link startExecution} sends. */
export interface StartExecutionRequest {
  functionName: string;
  invocationType: InvocationType;
  /** The event; sent as JSON unless `undefined` (so `0`, `""`, `false`, `null` are sent too). */
  payload: unknown;
}

/**
 * Invokes the function under a fresh durable execution name and returns the ARN of the
 * execution it started. Rejects when the answer carries no execution ARN (the function is
 * not durable, or the invocation type starts nothing, as `DryRun`).
 *
 * @example
 * ```ts
 * const arn = await startExecution(client, {
 *   functionName: "orders:live",
 *   invocationType: "Event",
 *   payload: { orderId: "o-1" },
 * });
 * ```
 */
export async function startExecution(
  client: LambdaClient,
  request: StartExecutionRequest,
): Promise<string> {
  const response = await client.send(
    new InvokeCommand({
      FunctionName: request.functionName,
      InvocationType: request.invocationType,
      DurableExecutionName: newExecutionName(),
      Payload: request.payload === undefined ? undefined : JSON.stringify(request.payload),
    }),
  );
  const arn = response.DurableExecutionArn;
  if (!arn) {
    throw new Error(
      "No execution ARN found on invocation response. Is the function specified a durable function?",
    );
  }
  return arn;
}

/** A unique execution name (1–64 characters of `[a-zA-Z0-9-_]`). *
 * @example
 * ```ts
 * newExecutionName(); // e.g. "test-6f1c…"
 * ```
 */
export function newExecutionName(): string {
  return `test-${randomUUID()}`;
}
