/**
 * Mistakes a user can make are caught at the call, before any step body or checkpoint, with
 * a message naming the operation (its name, or its kind and position) and what to do.
 */
import { withDurableExecution, type DurableContext } from "../../src";
import { DurableExecutionInvocationInputWithClient } from "../../src/checkpoint/invocation-input-with-client";
import { durationToSeconds } from "../../src/retry/duration";
import type { Duration } from "../../src/types/duration";
import { MemoryClient, lambdaContext } from "../helpers/memory-client";
import { h } from "../helpers/ids";

type Body = (event: unknown, ctx: DurableContext) => Promise<unknown>;

function invoke(client: MemoryClient, body: Body) {
  return withDurableExecution(body)(
    new DurableExecutionInvocationInputWithClient(client.envelope(), client),
    lambdaContext(),
  );
}

/** A client whose execution has invoke "i" (position 1) finished with the result "done". */
function clientWithFinishedInvoke(): MemoryClient {
  const client = new MemoryClient();
  client.operations.set(h("1"), {
    Id: h("1"),
    Type: "CHAINED_INVOKE",
    SubType: "ChainedInvoke",
    Name: "i",
    Status: "SUCCEEDED",
    ChainedInvokeDetails: { Result: '"done"' },
  });
  return client;
}

/** Runs `call` as the first operation; returns its rejection message and what was sent. */
async function firstCallError(call: (ctx: DurableContext) => Promise<unknown>) {
  const client = new MemoryClient();
  let message = "";
  const output = await invoke(client, async (_e, ctx) => {
    await call(ctx).catch((e: any) => (message = `${e.name}: ${e.message}`));
    return "after";
  });
  return { message, output, updates: client.updates };
}

const DELAY_RULE = "must be 1 to 31622400 whole seconds, given in days, hours, minutes and seconds";

describe("durations are checked at the call", () => {
  it.each<[unknown, string]>([
    [{ seconds: -5 }, "{ seconds: -5 }"],
    [{ seconds: 0 }, "{ seconds: 0 }"],
    [{ seconds: 0.5 }, "{ seconds: 0.5 }"],
    [{ seconds: Number.NaN }, "{ seconds: NaN }"],
    [{ seconds: "5" }, '{ seconds: "5" }'],
    [{ secs: 5 }, "{ secs: 5 }"],
    [{}, "{  }"],
    [{ days: 367 }, "{ days: 367 }"],
    ["30s", '"30s"'],
  ])("wait(%p) names the wait and sends nothing", async (duration, shown) => {
    const { message, output, updates } = await firstCallError((ctx) =>
      ctx.wait("w1", duration as Duration),
    );
    expect(message).toBe(`TypeError: wait "w1": duration ${DELAY_RULE} (got ${shown})`);
    expect(output).toEqual({ Status: "SUCCEEDED", Result: '"after"' });
    expect(updates).toEqual([]);
  });

  it("an unnamed wait is named by its kind and position", async () => {
    const client = new MemoryClient();
    let message = "";
    await invoke(client, async (_e, ctx) => {
      await ctx.step("first", async () => 1);
      await ctx.wait({ seconds: -1 }).catch((e: any) => (message = e.message));
    });
    expect(message).toBe(
      `wait (unnamed, position 2): duration ${DELAY_RULE} (got { seconds: -1 })`,
    );
  });

  it("the largest wait the service takes is accepted", async () => {
    const client = new MemoryClient();
    expect(await invoke(client, async (_e, ctx) => ctx.wait({ days: 366 }))).toEqual({
      Status: "PENDING",
    });
    expect(client.updates[0].WaitOptions).toEqual({ WaitSeconds: 31_622_400 });
  });

  it("durationToSeconds refuses what is not a number instead of concatenating strings", () => {
    expect(durationToSeconds({ minutes: 1, seconds: 5 })).toBe(65);
    expect(() => durationToSeconds({ seconds: "5" } as never)).toThrow(
      'durationToSeconds: duration must be a finite length, given in days, hours, minutes and seconds (got { seconds: "5" })',
    );
  });
});

describe("names follow the service's rules (1-256 printable ASCII characters)", () => {
  const rule =
    "the name must be 1 to 256 printable ASCII characters (letters, digits, spaces and punctuation); shorten it or move details into the payload";

  it.each<[string, string]>([
    ["naïve", '"naïve"'],
    ["x".repeat(257), `"${"x".repeat(40)}"… (257 characters)`],
    ["", '""'],
    ["tab\there", '"tab\\there"'],
    // Up to 40 characters an invalid name is shown whole.
    [`${"x".repeat(39)}é`, `"${"x".repeat(39)}é"`],
  ])("a step named %j fails before its body runs", async (name, shown) => {
    let ran = 0;
    const { message, updates } = await firstCallError((ctx) => ctx.step(name, async () => ++ran));
    expect(message).toBe(`TypeError: step ${shown}: ${rule}`);
    expect(ran).toBe(0);
    expect(updates).toEqual([]);
  });

  it("serdes that only serialize are enough where only serializing is done", async () => {
    const client = clientWithFinishedInvoke();
    const serializeOnly = { serialize: async (value: unknown) => JSON.stringify(value) };
    const output = await invoke(client, async (_e, ctx) => [
      await ctx.invoke("i", "fn", {}, { payloadSerdes: serializeOnly as never }),
      (await ctx.map("m", [1], async (_c, n) => n * 2, { itemSerdes: serializeOnly as never })).all
        .length,
    ]);
    expect(output).toEqual({ Status: "SUCCEEDED", Result: '["done",1]' });
  });

  it("an invoke with a null tenantId is accepted, as one without", async () => {
    const client = clientWithFinishedInvoke();
    const output = await invoke(client, async (_e, ctx) =>
      ctx.invoke("i", "fn", {}, { tenantId: null as never }),
    );
    expect(output).toEqual({ Status: "SUCCEEDED", Result: '"done"' });
  });

  it("a name of exactly 256 characters is accepted", async () => {
    const client = new MemoryClient();
    const name = "n".repeat(256);
    const output = await invoke(client, async (_e, ctx) => ctx.step(name, async () => 1));
    expect(output).toEqual({ Status: "SUCCEEDED", Result: "1" });
  });

  it("every operation checks its name the same way", async () => {
    const bad = "é";
    const calls: Array<[string, (ctx: DurableContext) => Promise<unknown>]> = [
      ["wait", (ctx) => ctx.wait(bad, { seconds: 1 })],
      ["runInChildContext", (ctx) => ctx.runInChildContext(bad, async () => 1)],
      ["createCallback", (ctx) => ctx.createCallback(bad)],
      ["waitForCallback", (ctx) => ctx.waitForCallback(bad, async () => undefined)],
      ["invoke", (ctx) => ctx.invoke(bad, "target", {})],
      ["map", (ctx) => ctx.map(bad, [1], async () => 1)],
      ["parallel", (ctx) => ctx.parallel(bad, [async () => 1])],
    ];
    for (const [method, call] of calls) {
      const { message, updates } = await firstCallError(call);
      expect(message).toBe(`TypeError: ${method} "é": ${rule}`);
      expect(updates).toEqual([]);
    }
    let thrown = "";
    await firstCallError(async (ctx) => {
      try {
        void ctx.waitForCondition(bad, async (s: number) => s, {
          initialState: 0,
          waitStrategy: () => ({ shouldContinue: false }),
        });
      } catch (e) {
        thrown = (e as Error).message;
      }
    });
    expect(thrown).toBe(`waitForCondition "é": ${rule}`);
  });
});

describe("step options", () => {
  it.each<[unknown, string]>([
    [
      { semantics: "ExactlyOnce" },
      'step "s": semantics must be one of AT_MOST_ONCE_PER_RETRY, AT_LEAST_ONCE_PER_RETRY (got "ExactlyOnce")',
    ],
    ["fast", 'step "s": config must be an object (got "fast")'],
    [{ retryStrategy: 3 }, 'step "s": retryStrategy must be a function (got 3)'],
    [
      { serdes: { serialize: async () => "" } },
      'step "s": serdes must have a deserialize function',
    ],
  ])("a step with config %p fails before its body runs", async (config, expected) => {
    let ran = 0;
    const { message, updates } = await firstCallError((ctx) =>
      ctx.step("s", async () => ++ran, config as never),
    );
    expect(message).toBe(`TypeError: ${expected}`);
    expect(ran).toBe(0);
    expect(updates).toEqual([]);
  });

  it.each<[unknown, string]>([
    [
      undefined,
      "must return { shouldRetry: false } or { shouldRetry: true, delay: { seconds: 5 } } (got undefined)",
    ],
    [{ shouldRetry: true, delay: { seconds: 1.5 } }, `delay ${DELAY_RULE} (got { seconds: 1.5 })`],
  ])(
    "a retry strategy returning %p fails the step with a message naming it",
    async (decision, problem) => {
      const client = new MemoryClient();
      const output = await invoke(client, async (_e, ctx) =>
        ctx.step(
          "flaky",
          async () => {
            throw new Error("boom");
          },
          { retryStrategy: () => decision as never },
        ),
      );
      expect(output).toMatchObject({
        Status: "FAILED",
        Error: { ErrorType: "StepError", ErrorMessage: `step "flaky": retryStrategy: ${problem}` },
      });
      expect(client.updates.map((u) => u.Action)).toEqual(["START", "FAIL"]);
    },
  );

  it("a retry strategy that throws rejects the step with its error and sends no FAIL (as the reference SDK)", async () => {
    const client = new MemoryClient();
    let caught: unknown;
    const output = await invoke(client, async (_e, ctx) => {
      await ctx
        .step(
          "flaky",
          async () => {
            throw new Error("boom");
          },
          {
            retryStrategy: () => {
              throw new Error("strategy broke");
            },
          },
        )
        .catch((e: unknown) => (caught = e));
      return "after";
    });
    expect(output).toEqual({ Status: "SUCCEEDED", Result: '"after"' });
    expect(caught).toEqual(new Error("strategy broke"));
    expect(client.updates.map((u) => u.Action)).toEqual(["START"]);
  });

  it.each([undefined, null])(
    "a wait strategy returning %s fails the waitForCondition with a message naming it",
    async (decision) => {
      const client = new MemoryClient();
      const output = await invoke(client, async (_e, ctx) =>
        ctx.waitForCondition("poll", async (n: number) => n + 1, {
          initialState: 0,
          waitStrategy: () => decision as never,
        }),
      );
      expect(output).toMatchObject({
        Status: "FAILED",
        Error: {
          ErrorMessage: `waitForCondition "poll": waitStrategy: must return { shouldContinue: false } or { shouldContinue: true, delay: { seconds: 10 } } (got ${decision})`,
        },
      });
    },
  );

  it("a retry strategy returning null rejects the step with a message naming it", async () => {
    const { message } = await firstCallError((ctx) =>
      ctx.step(
        "s",
        async () => {
          throw new Error("fails");
        },
        { retryStrategy: () => null as never },
      ),
    );
    expect(message).toBe(
      'StepError: step "s": retryStrategy: must return { shouldRetry: false } or { shouldRetry: true, delay: { seconds: 5 } } (got null)',
    );
  });

  it.each<[string, unknown, string]>([
    [
      "errorMapper",
      { errorMapper: 5 },
      'TypeError: runInChildContext "kid": errorMapper must be a function (got 5)',
    ],
    [
      "summaryGenerator",
      { summaryGenerator: 5 },
      'TypeError: runInChildContext "kid": summaryGenerator must be a function (got 5)',
    ],
    [
      "serdes",
      { serdes: {} },
      'TypeError: runInChildContext "kid": serdes must have a serialize function',
    ],
  ])(
    "a child context's %s option is checked before its body runs",
    async (_option, config, expected) => {
      let ran = 0;
      const { message, updates } = await firstCallError((ctx) =>
        ctx.runInChildContext("kid", async () => ++ran, config as never),
      );
      expect(message).toBe(expected);
      expect(ran).toBe(0);
      expect(updates).toEqual([]);
    },
  );

  it("a child context with a config that is not an object fails before its body runs", async () => {
    let ran = 0;
    const { message, updates } = await firstCallError((ctx) =>
      ctx.runInChildContext("kid", async () => ++ran, "fast" as never),
    );
    expect(message).toBe(
      'TypeError: runInChildContext "kid": config must be an object (got "fast")',
    );
    expect(ran).toBe(0);
    expect(updates).toEqual([]);
  });
});

describe("arguments of the wrong kind are described in the message", () => {
  it.each<[string, (ctx: DurableContext) => Promise<unknown>, string]>([
    [
      "a child context body that is an array",
      (ctx) => ctx.runInChildContext("kid", [1, 2] as never),
      'TypeError: runInChildContext "kid": requires a function to run (got an array)',
    ],
    [
      "map items that are a function",
      (ctx) => ctx.map("m", (() => [1]) as never, async () => 1),
      // A plain Error, as the reference SDK throws for map's items and function.
      'Error: map "m": requires an array of items (got a function)',
    ],
    [
      "a step body that is a number",
      (ctx) => ctx.step("s", 5 as never),
      'TypeError: step "s": requires a function to run (got 5)',
    ],
    [
      "a child context config that is null",
      (ctx) => ctx.runInChildContext("kid", async () => 1, null as never),
      'TypeError: runInChildContext "kid": config must be an object (got null)',
    ],
    [
      "a step serdes that is null",
      (ctx) => ctx.step("s", async () => 1, { serdes: null as never }),
      'TypeError: step "s": serdes must have a serialize function',
    ],
    [
      "map items that are null",
      (ctx) => ctx.map("m", null as never, async () => 1),
      'Error: map "m": requires an array of items (got null)',
    ],
    [
      "an invoke payloadSerdes without serialize",
      (ctx) => ctx.invoke("i", "fn", {}, { payloadSerdes: {} as never }),
      'TypeError: invoke "i": payloadSerdes must have a serialize function',
    ],
    [
      "a waitForCondition serdes without serialize",
      async (ctx) =>
        ctx.waitForCondition("w", async (s: number) => s, {
          initialState: 0,
          waitStrategy: () => ({ shouldContinue: false }),
          serdes: {} as never,
        }),
      'TypeError: waitForCondition "w": serdes must have a serialize function',
    ],
  ])("%s", async (_title, call, expected) => {
    const { message, updates } = await firstCallError(call);
    expect(message).toBe(expected);
    expect(updates).toEqual([]);
  });
});

describe("serialization", () => {
  it("a BigInt result under the default JSON serdes says why and what to do", async () => {
    const client = new MemoryClient();
    await expect(
      invoke(client, async (_e, ctx) => ctx.step("big", async () => BigInt(7) as never)),
    ).rejects.toThrow(
      '[Unrecoverable Invocation] Serialization failed for step "big" (1): Do not know how to serialize a BigInt. The default JSON serdes cannot store BigInt values or circular references',
    );
  });

  it("a failing serdes of a child context names the child context, not a step", async () => {
    const client = new MemoryClient();
    const serdes = {
      serialize: async () => {
        throw new Error("disk full");
      },
      deserialize: async () => undefined,
    };
    await expect(
      invoke(client, async (_e, ctx) => ctx.runInChildContext("kid", async () => 1, { serdes })),
    ).rejects.toThrow(/Serialization failed for child context "kid" \(1\): disk full$/);
  });
});

describe("sizes", () => {
  it("a step result over 1 MiB fails the execution naming the step and the limit, sending no SUCCEED", async () => {
    const client = new MemoryClient();
    const output = await invoke(client, async (_e, ctx) =>
      ctx.step("huge", async () => "x".repeat(1_100_000)),
    );
    expect(output).toMatchObject({
      Status: "FAILED",
      Error: {
        ErrorType: "RangeError",
        ErrorMessage: expect.stringMatching(
          /^step "huge": its result is 1100002 bytes, over the 1048576-byte limit for one operation\. Return a smaller value/,
        ),
      },
    });
    expect(client.updates.map((u) => u.Action)).toEqual(["START"]);
  });

  it("an unnamed step over the limit is named by its operation id", async () => {
    const client = new MemoryClient();
    const output = await invoke(client, async (_e, ctx) =>
      ctx.step(async () => "x".repeat(1_100_000)),
    );
    expect(output).toMatchObject({
      Status: "FAILED",
      Error: { ErrorMessage: expect.stringMatching(/^step \(c4ca4238a0b92382\): its result is/) },
    });
  });

  it("a handler result over 6 MiB fails naming the limit instead of being refused later", async () => {
    const client = new MemoryClient();
    const output = await invoke(client, async () => "y".repeat(6_400_000));
    expect(output).toMatchObject({
      Status: "FAILED",
      Error: {
        ErrorType: "RangeError",
        ErrorMessage: expect.stringContaining(
          "The handler's result is 6400002 bytes, over the 6291456-byte limit of an execution result.",
        ),
      },
    });
    expect(client.updates).toEqual([]);
  });
});

describe("envelopes", () => {
  const handler = withDurableExecution(async () => "ran");
  const call = (event: unknown) => handler(event as never, lambdaContext());

  it.each<[string, unknown, string]>([
    ["null", null, "The event is null, not a durable invocation envelope."],
    ["a string", "hello", "The event is string, not a durable invocation envelope."],
    [
      "a plain API event",
      { body: "{}" },
      "The event has no DurableExecutionArn or CheckpointToken: it is not a durable invocation",
    ],
  ])(
    "%s is refused with the reference's text and what is missing",
    async (_what, event, detail) => {
      await expect(call(event)).rejects.toThrow(
        "Unexpected payload provided to start the durable execution.\nCheck your resource configurations to confirm the durability is set.\n" +
          detail,
      );
    },
  );

  it("an envelope without state, or with junk in its operations, says what is wrong", async () => {
    const base = { DurableExecutionArn: "arn:x", CheckpointToken: "t" };
    await expect(call(base)).rejects.toThrow(
      "The durable invocation event has no InitialExecutionState.Operations list",
    );
    await expect(call({ ...base, InitialExecutionState: { Operations: [null] } })).rejects.toThrow(
      "InitialExecutionState holds something that is not an operation at position 0 (got null).",
    );
  });

  it("an input payload that is not JSON fails the execution saying so, before the handler runs", async () => {
    const client = new MemoryClient("{not json");
    let ran = false;
    const output = await invoke(client, async () => (ran = true));
    expect(output).toMatchObject({
      Status: "FAILED",
      Error: {
        ErrorType: "SyntaxError",
        ErrorMessage: expect.stringMatching(/^The execution's input payload is not valid JSON/),
      },
    });
    expect(ran).toBe(false);
  });

  it("state paging that repeats a marker stops with an error instead of looping", async () => {
    const client = new MemoryClient();
    client.getExecutionState = async () => ({ Operations: [], NextMarker: "same" });
    let ran = false;
    await expect(
      withDurableExecution(async () => (ran = true))(
        new DurableExecutionInvocationInputWithClient(
          client.envelope({ NextMarker: "same" }),
          client,
        ),
        lambdaContext(),
      ),
    ).rejects.toThrow('GetDurableExecutionState keeps paging (marker "same" after 1 pages)');
    expect(ran).toBe(false);
  });
});
