/** waitForCallback against the in-memory checkpoint API: composite updates, replays, errors, serdes. */
import {
  CallbackExternalError,
  CallbackSubmitterError,
  CallbackTimeoutError,
  StepError,
  withDurableExecution,
} from "../../src";
import { DurableExecutionInvocationInputWithClient } from "../../src/checkpoint/invocation-input-with-client";
import type { DurableContext } from "../../src/types/durable-context";
import { MemoryClient, lambdaContext } from "../helpers/memory-client";
import { h } from "../helpers/ids";

const CTX = h("1");
const CB = h("1-1");
const STEP = h("1-2");

function run(client: MemoryClient, handler: ReturnType<typeof withDurableExecution>) {
  return handler(
    new DurableExecutionInvocationInputWithClient(client.envelope(), client),
    lambdaContext(),
  );
}

describe("waitForCallback: first run and replay", () => {
  it("sends [START ctx, START callback], [START step, SUCCEED step], suspends, then SUCCEEDs the context", async () => {
    const client = new MemoryClient();
    const submitter = jest.fn(async () => undefined);
    const handler = withDurableExecution(async (_e, ctx) =>
      ctx.waitForCallback("approve", submitter, { timeout: { seconds: 60 } }),
    );

    expect(await run(client, handler)).toEqual({ Status: "PENDING" });
    expect(submitter).toHaveBeenCalledTimes(1);
    expect(submitter).toHaveBeenCalledWith(`cb-${CB}`, {
      logger: expect.objectContaining({ info: expect.any(Function) }),
    });
    expect(client.requests.map((r) => r.Updates)).toEqual([
      [
        { Id: CTX, Type: "CONTEXT", SubType: "WaitForCallback", Action: "START", Name: "approve" },
        {
          Id: CB,
          ParentId: CTX,
          Type: "CALLBACK",
          SubType: "Callback",
          Action: "START",
          CallbackOptions: { TimeoutSeconds: 60 },
        },
      ],
      [
        { Id: STEP, ParentId: CTX, Type: "STEP", SubType: "Step", Action: "START" },
        { Id: STEP, ParentId: CTX, Type: "STEP", SubType: "Step", Action: "SUCCEED" },
      ],
    ]);

    // Still open: replays the step (submitter not called again) and suspends again.
    expect(await run(client, handler)).toEqual({ Status: "PENDING" });
    expect(client.updates).toHaveLength(4);

    client.completeCallback(CB, "approved");
    expect(await run(client, handler)).toEqual({ Status: "SUCCEEDED", Result: '"approved"' });
    expect(client.updates.slice(4)).toEqual([
      {
        Id: CTX,
        Type: "CONTEXT",
        SubType: "WaitForCallback",
        Action: "SUCCEED",
        Name: "approve",
        Payload: '"approved"',
      },
    ]);
    // Completed context: the body does not run again.
    expect(await run(client, handler)).toEqual({ Status: "SUCCEEDED", Result: '"approved"' });
    expect(submitter).toHaveBeenCalledTimes(1);
    expect(client.updates).toHaveLength(5);
  });

  it("unnamed form: the context has no Name and CallbackOptions is {}", async () => {
    const client = new MemoryClient();
    const handler = withDurableExecution(async (_e, ctx) =>
      ctx.waitForCallback(async () => undefined),
    );
    await run(client, handler);
    expect(client.updates[0]).not.toHaveProperty("Name");
    expect(client.updates[1].CallbackOptions).toEqual({});
  });

  it("with a Context callback deserializer the raw string is stored and deserialized once per invocation", async () => {
    const client = new MemoryClient();
    const deserialize = jest.fn(async (s: string | undefined) => JSON.parse(s!) as unknown);
    const handler = withDurableExecution(async (_e, ctx) => {
      ctx.configureSerdes({ defaultCallbackDeserializer: { deserialize } });
      const value = await ctx.waitForCallback<{ ok: boolean }>("w", async () => undefined);
      return value.ok;
    });
    await run(client, handler);
    client.completeCallback(CB, '{"ok":true}');
    expect(await run(client, handler)).toEqual({ Status: "SUCCEEDED", Result: "true" });
    expect(client.updates.at(-1)).toMatchObject({ Action: "SUCCEED", Payload: '{"ok":true}' });
    expect(deserialize).toHaveBeenCalledTimes(1);
    expect(await run(client, handler)).toEqual({ Status: "SUCCEEDED", Result: "true" });
    expect(deserialize).toHaveBeenCalledTimes(2);
  });

  it("config.serdes deserializes the result; the context payload stays JSON-encoded", async () => {
    const client = new MemoryClient();
    const handler = withDurableExecution(async (_e, ctx) =>
      ctx.waitForCallback<number>("w", async () => undefined, {
        serdes: { deserialize: async (s) => Number(s) + 1 },
      }),
    );
    await run(client, handler);
    client.completeCallback(CB, "41");
    expect(await run(client, handler)).toEqual({ Status: "SUCCEEDED", Result: "42" });
    expect(client.updates.at(-1)).toMatchObject({ Action: "SUCCEED", Payload: '"41"' });
    expect(await run(client, handler)).toEqual({ Status: "SUCCEEDED", Result: "42" });
  });

  it("retries the submitter with the configured strategy in a later invocation", async () => {
    const client = new MemoryClient();
    const attempts: number[] = [];
    const ids: string[] = [];
    const handler = withDurableExecution(async (_e, ctx) =>
      ctx.waitForCallback(
        "w",
        async (id) => {
          ids.push(id);
          attempts.push(attempts.length + 1);
          if (attempts.length === 1) throw new Error("queue busy");
        },
        { retryStrategy: (_err, n) => ({ shouldRetry: n < 3, delay: { seconds: 7 } }) },
      ),
    );
    expect(await run(client, handler)).toEqual({ Status: "PENDING" });
    expect(client.updates.at(-1)).toMatchObject({
      Id: STEP,
      Action: "RETRY",
      Error: { ErrorType: "Error", ErrorMessage: "queue busy" },
      StepOptions: { NextAttemptDelaySeconds: 7 },
    });
    client.readyRetry(STEP);
    expect(await run(client, handler)).toEqual({ Status: "PENDING" });
    expect(client.updates.at(-1)).toMatchObject({ Id: STEP, Action: "SUCCEED" });
    expect(ids).toEqual([`cb-${CB}`, `cb-${CB}`]);
  });

  it("retries the submitter with retryPresets.default when no strategy is given", async () => {
    const client = new MemoryClient();
    const handler = withDurableExecution(async (_e, ctx) =>
      ctx.waitForCallback(async () => {
        throw new Error("down");
      }),
    );
    await run(client, handler);
    const retry = client.updates.find((u) => u.Action === "RETRY");
    expect(retry?.StepOptions?.NextAttemptDelaySeconds).toBeGreaterThanOrEqual(1);
    expect(retry?.StepOptions?.NextAttemptDelaySeconds).toBeLessThanOrEqual(5);
  });
});

describe("waitForCallback: errors", () => {
  it.each([
    ["TIMED_OUT", CallbackTimeoutError],
    ["FAILED", CallbackExternalError],
  ] as const)("a %s callback rejects with %p unchanged, on every replay", async (status, cls) => {
    const client = new MemoryClient();
    const seen: unknown[] = [];
    const handler = withDurableExecution(async (_e, ctx) => {
      await ctx.waitForCallback("w", async () => undefined).catch((e: unknown) => seen.push(e));
      return "done";
    });
    await run(client, handler);
    client.failCallback(CB, status, { ErrorType: "X", ErrorMessage: "nope", ErrorData: "dd" });
    await run(client, handler);
    await run(client, handler);
    expect(client.updates.at(-1)).toEqual({
      Id: CTX,
      Type: "CONTEXT",
      SubType: "WaitForCallback",
      Action: "FAIL",
      Name: "w",
      Error: { ErrorType: cls.name, ErrorMessage: "nope", ErrorData: "dd" },
    });
    expect(seen).toHaveLength(2);
    for (const error of seen) {
      expect(error).toBeInstanceOf(cls);
      expect(error).toMatchObject({ message: "nope", errorData: "dd" });
    }
  });

  it("a submitter that fails for good gives CallbackSubmitterError with the StepError as cause", async () => {
    const client = new MemoryClient();
    const seen: unknown[] = [];
    const handler = withDurableExecution(async (_e, ctx) => {
      await ctx
        .waitForCallback(
          "w",
          async () => {
            throw new RangeError("queue down");
          },
          { retryStrategy: () => ({ shouldRetry: false }) },
        )
        .catch((e: unknown) => seen.push(e));
    });
    await run(client, handler);
    await run(client, handler);
    expect(client.updates.map((u) => [u.Id, u.Action, u.Error?.ErrorType])).toEqual([
      [CTX, "START", undefined],
      [CB, "START", undefined],
      [STEP, "START", undefined],
      [STEP, "FAIL", "RangeError"],
      // The context records the submitter's StepError (as the reference does); the
      // CallbackSubmitterError is built from it on every run and replay.
      [CTX, "FAIL", "StepError"],
    ]);
    expect(seen).toHaveLength(2);
    for (const error of seen) {
      expect(error).toBeInstanceOf(CallbackSubmitterError);
      expect((error as CallbackSubmitterError).message).toBe("queue down");
      expect((error as CallbackSubmitterError).cause).toBeInstanceOf(StepError);
      expect((error as CallbackSubmitterError).cause?.message).toBe("queue down");
    }
  });

  it("an uncaught failure fails the execution with the callback error type", async () => {
    const client = new MemoryClient();
    const handler = withDurableExecution(async (_e, ctx) =>
      ctx.waitForCallback(async () => undefined, { heartbeatTimeout: { seconds: 5 } }),
    );
    await run(client, handler);
    expect(client.updates[1].CallbackOptions).toEqual({ HeartbeatTimeoutSeconds: 5 });
    client.failCallback(CB, "TIMED_OUT", { ErrorType: "Callback.Heartbeat" });
    expect(await run(client, handler)).toEqual({
      Status: "FAILED",
      Error: { ErrorType: "CallbackTimeoutError", ErrorMessage: "Callback timed out" },
    });
  });
});

describe("waitForCallback: bad arguments", () => {
  it.each([
    [
      ["x", undefined],
      "Error",
      'waitForCallback "x": requires a submitter function that sends the callback id to whoever answers',
    ],
    [
      [undefined, {}],
      "Error",
      "waitForCallback (unnamed, position 1): requires a submitter function that sends the callback id to whoever answers",
    ],
    [
      [42],
      "Error",
      "waitForCallback (unnamed, position 1): requires a submitter function that sends the callback id to whoever answers",
    ],
    [
      ["x", async () => undefined, 5],
      "TypeError",
      'waitForCallback "x": config must be an object (got 5)',
    ],
    [
      [async () => undefined, { timeout: { seconds: -1 } }],
      "TypeError",
      "waitForCallback (unnamed, position 1): timeout must be whole seconds (0 for none), given in days, hours, minutes and seconds (got { seconds: -1 })",
    ],
    [
      [async () => undefined, { retryStrategy: 3 }],
      "TypeError",
      "waitForCallback (unnamed, position 1): retryStrategy must be a function (got 3)",
    ],
    [
      [async () => undefined, { serdes: { serialize: async () => "" } }],
      "TypeError",
      "waitForCallback (unnamed, position 1): serdes must have a deserialize function",
    ],
  ])("waitForCallback(%j) rejects (%s) and takes no number", async (args, type, message) => {
    const client = new MemoryClient();
    const errors: Error[] = [];
    const handler = withDurableExecution(async (_e, ctx) => {
      await (ctx.waitForCallback as (...a: unknown[]) => Promise<unknown>)(...args).catch(
        (e: Error) => errors.push(e),
      );
      await ctx.step("after", async () => 1);
    });
    await run(client, handler);
    expect(errors[0].name).toBe(type);
    expect(errors[0].message).toBe(message);
    expect(client.updates[0]).toMatchObject({ Id: CTX, Name: "after" });
  });
});

describe("wrong-context use", () => {
  const usage = (method: string, expected: string, got: string) =>
    `Context usage error in "${method}": You are using a parent or sibling context instead of the current child context. ` +
    `Expected context ID: "${expected}", but got: "${got}". ` +
    `When inside runInChildContext(), you must use the child context parameter, not the parent context.`;

  it.each([
    ["waitForCallback", (c: DurableContext) => c.waitForCallback(async () => undefined)],
    ["createCallback", (c: DurableContext) => c.createCallback()],
    ["invoke", (c: DurableContext) => c.invoke("fn")],
    [
      "waitForCondition",
      (c: DurableContext) =>
        c.waitForCondition(async (s: number) => s, {
          initialState: 0,
          waitStrategy: () => ({ shouldContinue: false }),
        }),
    ],
  ])("%s inside a step fails the execution naming the method", async (method, call) => {
    const client = new MemoryClient();
    const handler = withDurableExecution(async (_e, ctx) =>
      ctx.step("outer", async () => {
        await call(ctx);
      }),
    );
    expect(await run(client, handler)).toEqual({
      Status: "FAILED",
      Error: { ErrorType: "Error", ErrorMessage: usage(method, "1", "undefined") },
    });
  });

  it("waitForCallback on the parent inside a child context names waitForCallback", async () => {
    const client = new MemoryClient();
    const handler = withDurableExecution(async (_e, ctx) =>
      ctx.runInChildContext("child", async () => ctx.waitForCallback(async () => undefined)),
    );
    expect(await run(client, handler)).toEqual({
      Status: "FAILED",
      Error: { ErrorType: "Error", ErrorMessage: usage("waitForCallback", "1", "undefined") },
    });
  });
});
