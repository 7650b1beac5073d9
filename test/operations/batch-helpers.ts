import { withDurableExecution } from "../../src";
import { DurableExecutionInvocationInputWithClient } from "../../src/checkpoint/invocation-input-with-client";
import { hashOperationId } from "../../src/context/operation-id";
import type { DurableContext } from "../../src/types/durable-context";
import { MemoryClient, lambdaContext } from "../helpers/memory-client";

export { MemoryClient, hashOperationId };

/** Wire id of a raw id, from the hand-written worked examples (not the production hash). */
export { h } from "../helpers/ids";

/** Wraps a handler body and runs one invocation of it on `client`. */
export function runner<T>(body: (ctx: DurableContext) => Promise<T>) {
  const handler = withDurableExecution(async (_event: unknown, ctx: DurableContext) => body(ctx));
  return (client: MemoryClient) =>
    handler(
      new DurableExecutionInvocationInputWithClient(client.envelope(), client),
      lambdaContext(),
    );
}

/** The updates sent, reduced to the fields that identify them. */
export function shape(client: MemoryClient) {
  return client.updates.map((u) => [u.Action, u.Type, u.SubType, u.Id, u.ParentId, u.Name]);
}
