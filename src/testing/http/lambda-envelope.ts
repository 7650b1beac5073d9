/**
 * Runs a durable handler the way Lambda does: with a plain JSON envelope, so the handler
 * talks to the service through its own transport (by default `DurableExecutionApiClient`
 * over `@aws-sdk/client-lambda`, which honours `AWS_ENDPOINT_URL_LAMBDA`) instead of the
 * in-process client the embedded service attaches to the events it builds.
 */
import type { Context } from "aws-lambda";
import type { DurableExecutionInvocationInput } from "../../types/invocation";
import type { DurableLambdaHandler } from "../service/api/service-types";
import { encodeDates } from "./json-codec";

/**
 * Converts an invocation event built by the embedded service into the JSON envelope Lambda
 * delivers: only the envelope members, timestamps as epoch milliseconds,
 * no attached client.
 */
export function toLambdaEnvelope(
  event: DurableExecutionInvocationInput,
): DurableExecutionInvocationInput {
  const envelope: Record<string, unknown> = {
    DurableExecutionArn: event.DurableExecutionArn,
    CheckpointToken: event.CheckpointToken,
    InitialExecutionState: {
      Operations: event.InitialExecutionState?.Operations ?? [],
      NextMarker: event.InitialExecutionState?.NextMarker,
    },
    UpdatedOperationIds: event.UpdatedOperationIds,
  };
  // A JSON round trip, as over the wire: what the handler receives is plain data.
  const text = JSON.stringify(encodeDates(envelope, "epoch-millis"));
  return JSON.parse(text) as DurableExecutionInvocationInput;
}

/**
 * Wraps a durable handler (what `withDurableExecution` returns) so that, when the embedded
 * service invokes it, it receives a plain JSON envelope and therefore checkpoints through
 * its configured transport — for an unconfigured handler, the real Lambda API client. Use it
 * with {@link startHttpService} so those calls reach the same service over HTTP.
 *
 * @example
 * ```ts
 * // Run the handler on the embedded service as in Lambda: a plain JSON event, its own client.
 * const runner = new LocalDurableTestRunner({ handlerFunction: viaLambdaApi(handler) });
 * ```
 */
export function viaLambdaApi(handler: DurableLambdaHandler): DurableLambdaHandler {
  return (event: unknown, context: Context) =>
    handler(toLambdaEnvelope(event as DurableExecutionInvocationInput), context);
}
