/** createCallback against the in-memory checkpoint API: first run, replays, failures, bad options. */
import {
  CallbackError,
  CallbackExternalError,
  CallbackTimeoutError,
  DurablePromise,
  withDurableExecution,
} from "../../src";
import { DurableExecutionInvocationInputWithClient } from "../../src/checkpoint/invocation-input-with-client";
import type { DurableExecutionHandler } from "../../src/types/durable-context";
import { MemoryClient, lambdaContext } from "../helpers/memory-client";
import { h } from "../helpers/ids";

const ID1 = h("1");

function run(client: MemoryClient, handler: ReturnType<typeof withDurableExecution>) {
  return handler(
    new DurableExecutionInvocationInputWithClient(client.envelope(), client),
    lambdaContext(),
  );
}

function durable(fn: DurableExecutionHandler<unknown, unknown>) {
  return withDurableExecution(fn);
}

describe("createCallback: first run and replay", () => {
  it("awaits one START with both timeouts, hands out the id, suspends, and resumes with the raw string", async () => {
    const client = new MemoryClient();
    const ids: string[] = [];
    const handler = durable(async (_e, ctx) => {
      const [promise, callbackId] = await ctx.createCallback("approval", {
        timeout: { minutes: 5 },
        heartbeatTimeout: { seconds: 30 },
      });
      ids.push(callbackId);
      return promise;
    });

    expect(await run(client, handler)).toEqual({ Status: "PENDING" });
    expect(client.requests.map((r) => r.Updates)).toEqual([
      [
        {
          Id: ID1,
          Type: "CALLBACK",
          SubType: "Callback",
          Action: "START",
          Name: "approval",
          CallbackOptions: { TimeoutSeconds: 300, HeartbeatTimeoutSeconds: 30 },
        },
      ],
    ]);

    client.completeCallback(ID1, '{"ok":true}');
    const sentBefore = client.updates.length;
    // Pass-through: the JSON text is not parsed, so the result is the string itself.
    expect(await run(client, handler)).toEqual({
      Status: "SUCCEEDED",
      Result: JSON.stringify('{"ok":true}'),
    });
    expect(client.updates.length).toBe(sentBefore);
    expect(ids).toEqual([`cb-${ID1}`, `cb-${ID1}`]);
  });

  it("sends CallbackOptions {} and no Name for the bare call, and keeps waiting while still STARTED", async () => {
    const client = new MemoryClient();
    const handler = durable(async (_e, ctx) => {
      const [promise] = await ctx.createCallback();
      return promise;
    });
    expect(await run(client, handler)).toEqual({ Status: "PENDING" });
    expect(client.updates).toEqual([
      { Id: ID1, Type: "CALLBACK", SubType: "Callback", Action: "START", CallbackOptions: {} },
    ]);
    // Re-invoked while the callback is still open: nothing is re-sent, it suspends again.
    expect(await run(client, handler)).toEqual({ Status: "PENDING" });
    expect(client.updates).toHaveLength(1);
  });

  it("the config form (no name) is accepted as the first argument", async () => {
    const client = new MemoryClient();
    const handler = durable(async (_e, ctx) => {
      const [promise] = await ctx.createCallback({ timeout: { hours: 1, seconds: 1 } });
      return promise;
    });
    await run(client, handler);
    expect(client.updates[0]).not.toHaveProperty("Name");
    expect(client.updates[0].CallbackOptions).toEqual({ TimeoutSeconds: 3601 });
  });

  it("both the outer and the inner promise are DurablePromises", async () => {
    const client = new MemoryClient();
    const seen: string[] = [];
    const handler = durable(async (_e, ctx) => {
      const outer = ctx.createCallback("x");
      seen.push(Object.prototype.toString.call(outer));
      const [inner] = await outer;
      seen.push(String(inner instanceof DurablePromise));
      return inner;
    });
    await run(client, handler);
    expect(seen).toEqual(["[object DurablePromise]", "true"]);
  });

  it("uses config.serdes over the Context's defaultCallbackDeserializer over pass-through", async () => {
    const client = new MemoryClient();
    const handler = durable(async (_e, ctx) => {
      ctx.configureSerdes({
        defaultCallbackDeserializer: { deserialize: async (s) => `ctx:${s}` },
      });
      const [a] = await ctx.createCallback("a");
      const [b] = await ctx.createCallback<number>("b", {
        serdes: { deserialize: async (s) => Number(s) * 2 },
      });
      return [await a, await b];
    });
    await run(client, handler);
    client.completeCallback(h("1"), "x");
    client.completeCallback(h("2"), "21");
    expect(await run(client, handler)).toEqual({ Status: "SUCCEEDED", Result: '["ctx:x",42]' });
  });

  it("a failing deserializer fails the invocation (the handler throws)", async () => {
    const client = new MemoryClient();
    const handler = durable(async (_e, ctx) => {
      const [p] = await ctx.createCallback("c", {
        serdes: {
          deserialize: async () => {
            throw new Error("bad json");
          },
        },
      });
      return p;
    });
    await run(client, handler);
    client.completeCallback(ID1, "{");
    await expect(run(client, handler)).rejects.toThrow(/Deserialization failed.*bad json/);
  });
});

describe("createCallback: failures", () => {
  it.each([
    ["TIMED_OUT", CallbackTimeoutError, "Callback timed out"],
    ["FAILED", CallbackExternalError, "Callback failed"],
  ] as const)(
    "%s rejects the inner promise with %p carrying message, cause and errorData (same on replay)",
    async (status, cls, defaultMessage) => {
      const client = new MemoryClient();
      const seen: unknown[] = [];
      const ids: string[] = [];
      const handler = durable(async (_e, ctx) => {
        const [promise, id] = await ctx.createCallback("cb");
        ids.push(id);
        await promise.catch((e: unknown) => seen.push(e));
        return "handled";
      });
      await run(client, handler);
      client.failCallback(ID1, status, {
        ErrorType: "Callback.Timeout",
        ErrorMessage: "late",
        ErrorData: '{"why":1}',
      });
      expect(await run(client, handler)).toEqual({ Status: "SUCCEEDED", Result: '"handled"' });
      expect(await run(client, handler)).toEqual({ Status: "SUCCEEDED", Result: '"handled"' });
      expect(ids).toEqual([`cb-${ID1}`, `cb-${ID1}`, `cb-${ID1}`]);
      expect(seen).toHaveLength(2);
      for (const error of seen) {
        expect(error).toBeInstanceOf(cls);
        expect(error).toBeInstanceOf(CallbackError);
        expect(error).toMatchObject({
          message: "late",
          errorData: '{"why":1}',
          cause: { name: "Callback.Timeout", message: "late" },
        });
      }

      const bare = new MemoryClient();
      const bareSeen: Error[] = [];
      const h2 = durable(async (_e, ctx) => {
        const [promise] = await ctx.createCallback();
        await promise.catch((e: unknown) => bareSeen.push(e as Error));
      });
      await run(bare, h2);
      bare.failCallback(ID1, status);
      await run(bare, h2);
      expect(bareSeen[0]).toBeInstanceOf(cls);
      expect(bareSeen[0].message).toBe(defaultMessage);
      expect((bareSeen[0] as CallbackError).errorData).toBeUndefined();
    },
  );

  it.each<[string, { ErrorType?: string; ErrorMessage?: string } | undefined, string]>([
    [
      "with an error record",
      { ErrorType: "Execution.Stopped" },
      "Callback ended with status STOPPED",
    ],
    ["without one", undefined, "Callback ended with status STOPPED"],
    ["with a message", { ErrorMessage: "stopped by ops" }, "stopped by ops"],
  ])(
    "a callback that ended otherwise (STOPPED) rejects with a plain CallbackError %s",
    async (_title, error, message) => {
      const client = new MemoryClient();
      const seen: unknown[] = [];
      const handler = durable(async (_e, ctx) => {
        const [promise] = await ctx.createCallback("cb");
        await promise.catch((e: unknown) => seen.push(e));
      });
      await run(client, handler);
      client.failCallback(ID1, "STOPPED", error);
      await run(client, handler);
      expect(seen).toHaveLength(1);
      const thrown = seen[0] as CallbackError;
      expect(thrown.constructor).toBe(CallbackError);
      expect(thrown.message).toBe(message);
      // The cause carries the service's error record as it came: "" for a missing message.
      const cause = thrown.cause as Error | undefined;
      expect(cause && { name: cause.name, message: cause.message }).toEqual(
        error && { name: error.ErrorType ?? "Error", message: error.ErrorMessage ?? "" },
      );
    },
  );

  it("an uncaught callback failure fails the execution with its error type", async () => {
    const client = new MemoryClient();
    const handler = durable(async (_e, ctx) => {
      const [promise] = await ctx.createCallback("cb");
      return promise;
    });
    await run(client, handler);
    client.failCallback(ID1, "TIMED_OUT", { ErrorType: "Callback.Heartbeat", ErrorMessage: "hb" });
    expect(await run(client, handler)).toMatchObject({
      Status: "FAILED",
      Error: { ErrorType: "CallbackTimeoutError", ErrorMessage: "hb" },
    });
  });

  it("rejects the outer promise with CallbackError when the service gives no callback id", async () => {
    const client = new MemoryClient();
    client.assignCallbackIds = false;
    const handler = durable(async (_e, ctx) => {
      const [promise] = await ctx.createCallback("cb");
      return promise;
    });
    const out = await run(client, handler);
    expect(out).toEqual({
      Status: "FAILED",
      Error: {
        ErrorType: "CallbackError",
        ErrorMessage: `No callback ID found for callback: ${ID1}`,
      },
    });
    // The record exists now (STARTED, no id): the replay reports a started callback.
    const seen: unknown[] = [];
    const h2 = durable(async (_e, ctx) => {
      await ctx.createCallback("cb").catch((e: unknown) => seen.push(e));
    });
    await run(client, h2);
    expect(seen[0]).toBeInstanceOf(CallbackError);
    expect((seen[0] as Error).message).toBe(`No callback ID found for started callback: ${ID1}`);
  });

  it("a different operation at the same position on replay is a non-determinism failure", async () => {
    const client = new MemoryClient();
    await run(
      client,
      durable(async (_e, ctx) => {
        await ctx.createCallback("cb");
      }),
    );
    const out = await run(
      client,
      durable(async (_e, ctx) => ctx.step("cb", async () => 1)),
    );
    expect(out).toMatchObject({
      Status: "FAILED",
      Error: { ErrorType: "NonDeterministicExecutionError" },
    });
  });
});

describe("createCallback: bad options", () => {
  it.each([
    [["cb", 5], 'createCallback "cb": config must be an object (got 5)'],
    [[true], "createCallback (unnamed, position 1): config must be an object (got true)"],
    [
      ["cb", { timeout: { seconds: -1 } }],
      'createCallback "cb": timeout must be whole seconds (0 for none), given in days, hours, minutes and seconds (got { seconds: -1 })',
    ],
    [
      [{ heartbeatTimeout: 30 }],
      "createCallback (unnamed, position 1): heartbeatTimeout must be whole seconds (0 for none), given in days, hours, minutes and seconds (got 30)",
    ],
    [
      [{ timeout: { minutes: Number.NaN } }],
      "createCallback (unnamed, position 1): timeout must be whole seconds (0 for none), given in days, hours, minutes and seconds (got { minutes: NaN })",
    ],
    [
      ["half", { timeout: { seconds: 0.5 } }],
      'createCallback "half": timeout must be whole seconds (0 for none), given in days, hours, minutes and seconds (got { seconds: 0.5 })',
    ],
    [
      ["odd", { timeout: { secs: 5 } }],
      'createCallback "odd": timeout must be whole seconds (0 for none), given in days, hours, minutes and seconds (got { secs: 5 })',
    ],
    [
      ["naïve"],
      'createCallback "naïve": the name must be 1 to 256 printable ASCII characters (letters, digits, spaces and punctuation); shorten it or move details into the payload',
    ],
    [
      [{ serdes: {} }],
      "createCallback (unnamed, position 1): serdes must have a deserialize function",
    ],
  ])(
    "createCallback(%j) rejects with a TypeError and takes no operation number",
    async (args, message) => {
      const client = new MemoryClient();
      const errors: unknown[] = [];
      const handler = durable(async (_e, ctx) => {
        await (ctx.createCallback as (...a: unknown[]) => Promise<unknown>)(...args).catch(
          (e: unknown) => errors.push(e),
        );
        await ctx.createCallback("after");
      });
      await run(client, handler);
      expect(errors[0]).toBeInstanceOf(TypeError);
      expect((errors[0] as Error).message).toBe(message);
      expect(client.updates.map((u) => [u.Id, u.Name])).toEqual([[ID1, "after"]]);
    },
  );
});
