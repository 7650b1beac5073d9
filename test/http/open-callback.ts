/** Waiting for an execution's callback on the service's own signals (no polling). */
import type { DurableExecutionService } from "../../src/testing/service/durable-execution-service";

/** Resolves with the id of the execution's first open callback once the service assigned it. */
export function openCallbackId(service: DurableExecutionService, arn: string): Promise<string> {
  const find = () => service.openCallbacks(arn).find((c) => c.callbackId)?.callbackId;
  return new Promise((resolve) => {
    const now = find();
    if (now !== undefined) return resolve(now);
    const check = () => {
      const id = find();
      if (id === undefined) return;
      stop();
      resolve(id);
    };
    const stop = service.observe(arn, { onOperation: check, onEvent: check });
  });
}
