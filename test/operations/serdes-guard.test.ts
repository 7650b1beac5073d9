/** A failing serdes fails the invocation with a message naming the operation; serdes get their context. */
import { withDurableExecution } from "../../src";
import type { SerdesContext } from "../../src/types/serdes";
import { MemoryClient, invoke } from "../helpers/memory-client";

it("a custom serdes throwing a TypeError gets no hint about the default serdes", async () => {
  const client = new MemoryClient();
  const handler = withDurableExecution(async (_e, ctx) =>
    ctx.step("s", async () => 1, {
      serdes: {
        serialize: async () => {
          throw new TypeError("cannot");
        },
        deserialize: async () => 1,
      },
    }),
  );
  await expect(invoke(client, handler)).rejects.toThrow(
    /^\[Unrecoverable Invocation\] Serialization failed for step "s" \(1\): cannot$/,
  );
});

it("the default serdes failing on a BigInt says what to do", async () => {
  const client = new MemoryClient();
  const handler = withDurableExecution(async (_e, ctx) => ctx.step("s", async () => 10n as never));
  await expect(invoke(client, handler)).rejects.toThrow(
    /Serialization failed for step "s" \(1\): .*BigInt.*\. The default JSON serdes cannot store BigInt values or circular references: convert the value \(e\.g\. String\(big\)\) or give this operation a serdes$/,
  );
});

it("a failing deserializer's message is the reason alone", async () => {
  const client = new MemoryClient();
  const serdes = {
    serialize: async (value: unknown) => JSON.stringify(value),
    deserialize: async () => {
      throw new Error("bad data");
    },
  };
  const handler = withDurableExecution(async (_e, ctx) => ctx.step("s", async () => 1, { serdes }));
  // The step's result goes through the serdes both ways on the first run already.
  await expect(invoke(client, handler)).rejects.toThrow(
    /^\[Unrecoverable Invocation\] Deserialization failed for step "s" \(1\): bad data$/,
  );
});

it("serdes receive the operation's positional id and the execution ARN", async () => {
  const client = new MemoryClient();
  const contexts: SerdesContext[] = [];
  const serdes = {
    serialize: async (value: unknown, context: SerdesContext) => {
      contexts.push(context);
      return JSON.stringify(value);
    },
    deserialize: async (data: string | undefined, context: SerdesContext) => {
      contexts.push(context);
      return data === undefined ? undefined : JSON.parse(data);
    },
  };
  const handler = withDurableExecution(async (_e, ctx) =>
    ctx.runInChildContext("c", (child) => child.step("s", async () => 1, { serdes })),
  );
  const arn = client.envelope().DurableExecutionArn;
  await invoke(client, handler);
  await invoke(client, handler);
  expect(contexts).toEqual([
    { entityId: "1-1", durableExecutionArn: arn },
    { entityId: "1-1", durableExecutionArn: arn },
  ]);
});
