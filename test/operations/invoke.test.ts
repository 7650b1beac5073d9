/** invoke against the in-memory checkpoint API: first run, replays, failures, bad options. */
import { InvokeError, withDurableExecution } from "../../src";
import { DurableExecutionInvocationInputWithClient } from "../../src/checkpoint/invocation-input-with-client";
import { MemoryClient, lambdaContext } from "../helpers/memory-client";
import { h } from "../helpers/ids";

const ID1 = h("1");

function run(client: MemoryClient, handler: ReturnType<typeof withDurableExecution>) {
  return handler(
    new DurableExecutionInvocationInputWithClient(client.envelope(), client),
    lambdaContext(),
  );
}

describe("invoke: first run and replay", () => {
  it("awaits a START with payload, FunctionName and TenantId, suspends, and returns the deserialized result", async () => {
    const client = new MemoryClient();
    const handler = withDurableExecution(async (_e, ctx) =>
      ctx.invoke("charge", "billing:live", { amount: 5 }, { tenantId: "t-1" }),
    );
    expect(await run(client, handler)).toEqual({ Status: "PENDING" });
    expect(client.requests.map((r) => r.Updates)).toEqual([
      [
        {
          Id: ID1,
          Type: "CHAINED_INVOKE",
          SubType: "ChainedInvoke",
          Action: "START",
          Name: "charge",
          Payload: '{"amount":5}',
          ChainedInvokeOptions: { FunctionName: "billing:live", TenantId: "t-1" },
        },
      ],
    ]);
    // Still running on the next invocation: nothing re-sent, suspends again.
    expect(await run(client, handler)).toEqual({ Status: "PENDING" });
    expect(client.updates).toHaveLength(1);

    client.completeInvoke(ID1, "SUCCEEDED", { Result: '{"charged":true}' });
    expect(await run(client, handler)).toEqual({
      Status: "SUCCEEDED",
      Result: '{"charged":true}',
    });
    expect(client.updates).toHaveLength(1);
  });

  it("is unnamed unless the second argument is a string; no Payload without input; empty tenantId not sent", async () => {
    const client = new MemoryClient();
    const handler = withDurableExecution(async (_e, ctx) => {
      const a = ctx.invoke("fn:1");
      const b = ctx.invoke("fn:2", { x: 1 }, { tenantId: "" });
      const c = ctx.invoke("named", "fn:3", "plain text");
      return Promise.all([a, b, c]);
    });
    await run(client, handler);
    expect(client.updates.map((u) => [u.Id, u.Name, u.Payload, u.ChainedInvokeOptions])).toEqual([
      [h("1"), undefined, undefined, { FunctionName: "fn:1" }],
      [h("2"), undefined, '{"x":1}', { FunctionName: "fn:2" }],
      [h("3"), "named", '"plain text"', { FunctionName: "fn:3" }],
    ]);
    expect(client.updates[0]).not.toHaveProperty("Name");
    expect(client.updates[0]).not.toHaveProperty("Payload");
  });

  it("uses payloadSerdes and resultSerdes, and the Context default serdes otherwise", async () => {
    const client = new MemoryClient();
    const handler = withDurableExecution(async (_e, ctx) => {
      const custom = await ctx.invoke<number, string>("c", "fn", 7, {
        payloadSerdes: { serialize: async (n) => `n=${n}`, deserialize: async () => 0 },
        resultSerdes: { serialize: async () => "", deserialize: async (s) => `got ${s}` },
      });
      ctx.configureSerdes({
        defaultSerdes: {
          serialize: async (v) => `<${String(v)}>`,
          deserialize: async (s) => s?.toUpperCase(),
        },
      });
      const viaDefault = await ctx.invoke("d", "fn", "in");
      return `${custom}|${String(viaDefault)}`;
    });
    await run(client, handler);
    expect(client.updates[0].Payload).toBe("n=7");
    client.completeInvoke(h("1"), "SUCCEEDED", { Result: "raw" });
    await run(client, handler);
    expect(client.updates[1].Payload).toBe("<in>");
    client.completeInvoke(h("2"), "SUCCEEDED", { Result: "abc" });
    expect(await run(client, handler)).toEqual({ Status: "SUCCEEDED", Result: '"got raw|ABC"' });
  });
});

describe("invoke: failures", () => {
  it.each(["FAILED", "TIMED_OUT", "STOPPED"] as const)(
    "%s rejects with InvokeError carrying the remote message, cause and errorData, on every replay",
    async (status) => {
      const client = new MemoryClient();
      const seen: unknown[] = [];
      const handler = withDurableExecution(async (_e, ctx) => {
        await ctx.invoke("fn:1", { x: 1 }).catch((e: unknown) => seen.push(e));
        return "ok";
      });
      await run(client, handler);
      client.completeInvoke(ID1, status, {
        Error: { ErrorType: "Remote", ErrorMessage: "remote broke", ErrorData: "d" },
      });
      await run(client, handler);
      await run(client, handler);
      expect(seen).toHaveLength(2);
      for (const error of seen) {
        expect(error).toBeInstanceOf(InvokeError);
        expect(error).toMatchObject({
          message: "remote broke",
          errorType: "InvokeError",
          errorData: "d",
          cause: { name: "Error", message: "remote broke" },
        });
      }
    },
  );

  it("without an error message: 'Invoke failed' and no cause; uncaught, it fails the execution", async () => {
    const client = new MemoryClient();
    const seen: InvokeError[] = [];
    const handler = withDurableExecution(async (_e, ctx) => {
      const p = ctx.invoke("fn:1");
      await p.catch((e: unknown) => seen.push(e as InvokeError));
      return p;
    });
    await run(client, handler);
    client.completeInvoke(ID1, "FAILED");
    expect(await run(client, handler)).toEqual({
      Status: "FAILED",
      Error: { ErrorType: "InvokeError", ErrorMessage: "Invoke failed" },
    });
    expect(seen[0].message).toBe("Invoke failed");
    expect(seen[0].cause).toBeUndefined();
  });
});

describe("invoke: bad options", () => {
  it.each([
    [
      [],
      "invoke (unnamed, position 1): requires a function name or ARN as a non-empty string (got undefined)",
    ],
    [
      [42],
      "invoke (unnamed, position 1): requires a function name or ARN as a non-empty string (got 42)",
    ],
    [["n", ""], 'invoke "n": requires a function name or ARN as a non-empty string (got "")'],
    [["fn", {}, "cfg"], 'invoke (unnamed, position 1): config must be an object (got "cfg")'],
    [["n", "fn", 1, 2], 'invoke "n": config must be an object (got 2)'],
    [
      ["fn", 1, { payloadSerdes: {} }],
      "invoke (unnamed, position 1): payloadSerdes must have a serialize function",
    ],
    [
      ["fn", 1, { resultSerdes: {} }],
      "invoke (unnamed, position 1): resultSerdes must have a deserialize function",
    ],
    [["fn", 1, { tenantId: 3 }], "invoke (unnamed, position 1): tenantId must be a string (got 3)"],
  ])("invoke(%j) rejects with a TypeError and takes no number", async (args, message) => {
    const client = new MemoryClient();
    const errors: unknown[] = [];
    const handler = withDurableExecution(async (_e, ctx) => {
      await (ctx.invoke as (...a: unknown[]) => Promise<unknown>)(...args).catch((e: unknown) =>
        errors.push(e),
      );
      await ctx.invoke("after", "fn");
    });
    await run(client, handler);
    expect(errors[0]).toBeInstanceOf(TypeError);
    expect((errors[0] as Error).message).toBe(message);
    expect(client.updates.map((u) => [u.Id, u.Name])).toEqual([[ID1, "after"]]);
  });
});
