/**
 * Transport faults for the workflow properties: a handler wrapper that puts a faulty client
 * between the SDK and the embedded service. Chosen checkpoint calls (numbered across the
 * whole execution, retries included) fail with a 429, a 500 or a dropped connection before
 * reaching the service, or reach it and lose the answer on the way back; an outage drops
 * the call and the SDK's retries of it, so the checkpoint fails for good and the invocation
 * ends (the service invokes again).
 */
import { DurableExecutionInvocationInputWithClient } from "../../src/checkpoint/invocation-input-with-client";
import type { DurableExecutionClient } from "../../src/checkpoint/durable-execution-client";
import type { DurableLambdaHandler } from "../../src/testing/service/api/service-types";
import { CHECKPOINT_ATTEMPTS } from "../../src/checkpoint/checkpoint-batcher";

/** A fault on one checkpoint call. */
export type TransportFault =
  "throttled" | "server-error" | "connection-reset" | "lost-response" | "outage";

export const TRANSPORT_FAULTS: readonly TransportFault[] = [
  "throttled",
  "server-error",
  "connection-reset",
  "lost-response",
  "outage",
];

function faultError(fault: TransportFault): Error {
  switch (fault) {
    case "throttled":
      return Object.assign(new Error("Rate exceeded"), {
        name: "TooManyRequestsException",
        $metadata: { httpStatusCode: 429 },
      });
    case "server-error":
      return Object.assign(new Error("boom"), {
        name: "ServiceException",
        $metadata: { httpStatusCode: 500 },
      });
    default:
      return Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
  }
}

/**
 * Wraps `handler` so that checkpoint call number N (1-based, across the execution) meets
 * `faults.get(N)`. Returns the wrapped handler and a counter of the calls made.
 */
export function withTransportFaults(
  handler: DurableLambdaHandler,
  faults: ReadonlyMap<number, TransportFault>,
): { handler: DurableLambdaHandler; calls: () => number } {
  let calls = 0;
  let outageLeft = 0;
  const wrap = (inner: DurableExecutionClient): DurableExecutionClient => ({
    getExecutionState: (params, logger) => inner.getExecutionState(params, logger),
    checkpoint: async (params, logger) => {
      let fault = faults.get(++calls);
      if (fault === "outage") outageLeft = CHECKPOINT_ATTEMPTS;
      if (outageLeft > 0) {
        outageLeft--;
        fault = "connection-reset";
      }
      if (fault === undefined) return inner.checkpoint(params, logger);
      if (fault === "lost-response") await inner.checkpoint(params, logger);
      throw faultError(fault);
    },
  });
  const wrapped: DurableLambdaHandler = (event, context) => {
    const input = event as DurableExecutionInvocationInputWithClient;
    return handler(
      new DurableExecutionInvocationInputWithClient(input, wrap(input.durableExecutionClient)),
      context,
    );
  };
  return { handler: wrapped, calls: () => calls };
}
