/**
 * Sends callback responses of cloud operation handles through the Lambda API
 * (`SendDurableExecutionCallbackSuccess` / `Failure` / `Heartbeat`).
 */
import {
  type LambdaClient,
  SendDurableExecutionCallbackFailureCommand,
  SendDurableExecutionCallbackHeartbeatCommand,
  SendDurableExecutionCallbackSuccessCommand,
} from "@aws-sdk/client-lambda";
import type { CallbackSender } from "../operation-handle";

/** A {@link CallbackSender} over a `LambdaClient`; answers are the AWS SDK's responses. *
 * @example
 * ```ts
 * const sender = lambdaCallbackSender(new LambdaClient({}));
 * await sender.sendDurableExecutionCallbackSuccess({ CallbackId: id, Result: '"ok"' });
 * ```
 */
export function lambdaCallbackSender(client: LambdaClient): CallbackSender {
  return {
    sendDurableExecutionCallbackSuccess: ({ CallbackId, Result }) =>
      client.send(
        new SendDurableExecutionCallbackSuccessCommand({
          CallbackId,
          // An empty result stores none, as with the embedded service.
          Result: Result ? new TextEncoder().encode(Result) : undefined,
        }),
      ),
    sendDurableExecutionCallbackFailure: ({ CallbackId, Error }) =>
      client.send(new SendDurableExecutionCallbackFailureCommand({ CallbackId, Error })),
    sendDurableExecutionCallbackHeartbeat: ({ CallbackId }) =>
      client.send(new SendDurableExecutionCallbackHeartbeatCommand({ CallbackId })),
  };
}
