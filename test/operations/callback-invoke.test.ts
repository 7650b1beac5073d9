import {
  withDurableExecution,
  withRetry,
  CallbackExternalError,
  CallbackSubmitterError,
  CallbackTimeoutError,
  ChildContextError,
  InvokeError,
  StepError,
  createWaitStrategy,
} from "../../src";
import { DurableExecutionInvocationInputWithClient } from "../../src/checkpoint/invocation-input-with-client";
import { hashOperationId } from "../../src/context/operation-id";
import { MemoryClient, lambdaContext } from "../helpers/memory-client";

function invoke(client: MemoryClient, handler: ReturnType<typeof withDurableExecution>) {
  return handler(
    new DurableExecutionInvocationInputWithClient(client.envelope(), client),
    lambdaContext(),
  );
}

function settle(client: MemoryClient, raw: string, fields: Record<string, unknown>) {
  const id = hashOperationId(raw);
  const op = client.operations.get(id)!;
  (client as unknown as { patch(id: string, f: object): void }).patch(id, {
    ...fields,
    CallbackDetails: { ...op.CallbackDetails, ...(fields.CallbackDetails as object) },
  });
}

describe("createCallback", () => {
  it("starts with CallbackOptions, yields [promise, id], suspends and resumes with the raw result", async () => {
    const client = new MemoryClient();
    const ids: string[] = [];
    const handler = withDurableExecution(async (_e, ctx) => {
      const [promise, callbackId] = await ctx.createCallback("approval", {
        timeout: { minutes: 5 },
        heartbeatTimeout: { seconds: 30 },
      });
      ids.push(callbackId);
      return promise;
    });
    expect(await invoke(client, handler)).toEqual({ Status: "PENDING" });
    expect(client.updates).toEqual([
      {
        Id: "c4ca4238a0b92382",
        Type: "CALLBACK",
        SubType: "Callback",
        Action: "START",
        Name: "approval",
        CallbackOptions: { TimeoutSeconds: 300, HeartbeatTimeoutSeconds: 30 },
      },
    ]);
    client.completeCallback("c4ca4238a0b92382", '{"ok":true}');
    expect(await invoke(client, handler)).toEqual({
      Status: "SUCCEEDED",
      Result: JSON.stringify('{"ok":true}'),
    });
    expect(ids).toEqual(["cb-c4ca4238a0b92382", "cb-c4ca4238a0b92382"]);
  });

  it("sends {} without timeouts and honours a configured deserializer", async () => {
    const client = new MemoryClient();
    const handler = withDurableExecution(async (_e, ctx) => {
      ctx.configureSerdes({
        defaultCallbackDeserializer: { deserialize: async (s) => JSON.parse(s!) },
      });
      const [promise] = await ctx.createCallback<{ n: number }>();
      return (await promise).n;
    });
    await invoke(client, handler);
    expect(client.updates[0].CallbackOptions).toEqual({});
    client.completeCallback("c4ca4238a0b92382", '{"n":7}');
    expect(await invoke(client, handler)).toEqual({ Status: "SUCCEEDED", Result: "7" });
  });

  it.each([
    ["TIMED_OUT", CallbackTimeoutError, "Callback timed out"],
    ["FAILED", CallbackExternalError, "Callback failed"],
  ] as const)(
    "maps %s to %p with reported message, cause and data",
    async (status, cls, defaultMessage) => {
      const client = new MemoryClient();
      const seen: unknown[] = [];
      const handler = withDurableExecution(async (_e, ctx) => {
        const [promise] = await ctx.createCallback("cb");
        try {
          await promise;
        } catch (e) {
          seen.push(e);
        }
      });
      await invoke(client, handler);
      settle(client, "1", {
        Status: status,
        CallbackDetails: {
          Error: { ErrorType: "Callback.Timeout", ErrorMessage: "late", ErrorData: "{}" },
        },
      });
      await invoke(client, handler);
      expect(seen[0]).toBeInstanceOf(cls);
      expect(seen[0]).toMatchObject({
        message: "late",
        errorData: "{}",
        cause: { name: "Callback.Timeout", message: "late" },
      });
      const bare = new MemoryClient();
      const seen2: unknown[] = [];
      const h2 = withDurableExecution(async (_e, ctx) => {
        const [promise] = await ctx.createCallback();
        await promise.catch((e) => seen2.push(e));
      });
      await invoke(bare, h2);
      settle(bare, "1", { Status: status });
      await invoke(bare, h2);
      expect((seen2[0] as Error).message).toBe(defaultMessage);
    },
  );
});

describe("waitForCallback", () => {
  it("runs an unnamed callback and submitter inside a WaitForCallback context and stores the JSON-encoded result", async () => {
    const client = new MemoryClient();
    const submitter = jest.fn(async () => undefined);
    const handler = withDurableExecution(async (_e, ctx) =>
      ctx.waitForCallback("approve", submitter, { timeout: { seconds: 60 } }),
    );
    expect(await invoke(client, handler)).toEqual({ Status: "PENDING" });
    expect(submitter).toHaveBeenCalledWith(
      "cb-" + hashOperationId("1-1"),
      expect.objectContaining({ logger: expect.anything() }),
    );
    expect(client.updates.map((u) => [u.Id, u.Type, u.SubType, u.Action, u.Name])).toEqual([
      [hashOperationId("1"), "CONTEXT", "WaitForCallback", "START", "approve"],
      [hashOperationId("1-1"), "CALLBACK", "Callback", "START", undefined],
      [hashOperationId("1-2"), "STEP", "Step", "START", undefined],
      [hashOperationId("1-2"), "STEP", "Step", "SUCCEED", undefined],
    ]);
    client.completeCallback(hashOperationId("1-1"), "approved");
    expect(await invoke(client, handler)).toEqual({ Status: "SUCCEEDED", Result: '"approved"' });
    expect(submitter).toHaveBeenCalledTimes(1);
    expect(client.updates.at(-1)).toMatchObject({
      Type: "CONTEXT",
      Action: "SUCCEED",
      Payload: '"approved"',
    });
    expect(await invoke(client, handler)).toEqual({ Status: "SUCCEEDED", Result: '"approved"' });
  });

  it("rejects with CallbackSubmitterError when the submitter fails for good", async () => {
    const client = new MemoryClient();
    const seen: unknown[] = [];
    const handler = withDurableExecution(async (_e, ctx) => {
      await ctx
        .waitForCallback(
          async () => {
            throw new Error("queue down");
          },
          { retryStrategy: () => ({ shouldRetry: false }) },
        )
        .catch((e) => seen.push(e));
    });
    await invoke(client, handler);
    await invoke(client, handler);
    for (const error of seen) {
      expect(error).toBeInstanceOf(CallbackSubmitterError);
      expect(error).toMatchObject({ message: "queue down", cause: { errorType: "StepError" } });
    }
    expect(seen).toHaveLength(2);
  });

  it("rejects bad arguments with the reference messages", async () => {
    const client = new MemoryClient();
    const errors: string[] = [];
    const handler = withDurableExecution(async (_e, ctx) => {
      await ctx
        .waitForCallback("x", undefined as never)
        .catch((e: Error) => errors.push(e.message));
      await ctx.waitForCallback(42 as never).catch((e: Error) => errors.push(e.message));
    });
    await invoke(client, handler);
    expect(errors).toEqual([
      "waitForCallback requires a submitter function when name is provided",
      "waitForCallback requires a submitter function",
    ]);
    expect(client.updates).toEqual([]);
  });
});

describe("invoke", () => {
  it("sends payload, FunctionName and TenantId, suspends, and returns the deserialized result", async () => {
    const client = new MemoryClient();
    const handler = withDurableExecution(async (_e, ctx) =>
      ctx.invoke("charge", "billing:live", { amount: 5 }, { tenantId: "t-1" }),
    );
    expect(await invoke(client, handler)).toEqual({ Status: "PENDING" });
    expect(client.updates).toEqual([
      {
        Id: "c4ca4238a0b92382",
        Type: "CHAINED_INVOKE",
        SubType: "ChainedInvoke",
        Action: "START",
        Name: "charge",
        Payload: '{"amount":5}',
        ChainedInvokeOptions: { FunctionName: "billing:live", TenantId: "t-1" },
      },
    ]);
    (client as unknown as { patch(id: string, f: object): void }).patch("c4ca4238a0b92382", {
      Status: "SUCCEEDED",
      ChainedInvokeDetails: { Result: '{"charged":true}' },
    });
    expect(await invoke(client, handler)).toEqual({
      Status: "SUCCEEDED",
      Result: '{"charged":true}',
    });
  });

  it("treats the call as unnamed unless the second argument is a string, and maps failures to InvokeError", async () => {
    const client = new MemoryClient();
    const seen: unknown[] = [];
    const handler = withDurableExecution(async (_e, ctx) => {
      await ctx.invoke("fn:1", { x: 1 }).catch((e) => seen.push(e));
    });
    await invoke(client, handler);
    expect(client.updates[0]).not.toHaveProperty("Name");
    (client as unknown as { patch(id: string, f: object): void }).patch("c4ca4238a0b92382", {
      Status: "FAILED",
      ChainedInvokeDetails: { Error: { ErrorMessage: "remote broke", ErrorData: "d" } },
    });
    await invoke(client, handler);
    expect(seen[0]).toBeInstanceOf(InvokeError);
    expect(seen[0]).toMatchObject({
      message: "remote broke",
      errorData: "d",
      cause: { message: "remote broke" },
    });
  });

  it("rejects a missing function id with a clear TypeError", async () => {
    const client = new MemoryClient();
    const out = await invoke(
      client,
      withDurableExecution(async (_e, ctx) => ctx.invoke("" as string)),
    );
    expect(out).toMatchObject({
      Status: "FAILED",
      Error: {
        ErrorType: "TypeError",
        ErrorMessage: "invoke requires a function name or ARN as a non-empty string; got .",
      },
    });
  });
});

describe("waitForCondition", () => {
  it("polls with RETRY carrying the state and succeeds when the strategy stops", async () => {
    const client = new MemoryClient();
    const checks: number[] = [];
    const handler = withDurableExecution(async (_e, ctx) =>
      ctx.waitForCondition(
        "poll",
        async (state: { n: number }, { attempt }) => {
          checks.push(attempt);
          return { n: state.n + 1 };
        },
        {
          initialState: { n: 0 },
          waitStrategy: createWaitStrategy({
            shouldContinuePolling: (s: { n: number }) => s.n < 2,
            initialDelay: { seconds: 3 },
            jitter: "NONE" as never,
          }),
        },
      ),
    );
    expect(await invoke(client, handler)).toEqual({ Status: "PENDING" });
    expect(client.updates.map((u) => [u.SubType, u.Action, u.Payload, u.StepOptions])).toEqual([
      ["WaitForCondition", "START", undefined, undefined],
      ["WaitForCondition", "RETRY", '{"n":1}', { NextAttemptDelaySeconds: 3 }],
    ]);
    client.readyRetry(hashOperationId("1"));
    expect(await invoke(client, handler)).toEqual({ Status: "SUCCEEDED", Result: '{"n":2}' });
    expect(checks).toEqual([1, 2]);
  });

  it("fails without retry when the check throws, and throws synchronously without config", async () => {
    const client = new MemoryClient();
    const handler = withDurableExecution(async (_e, ctx) =>
      ctx.waitForCondition(
        async () => {
          throw new Error("probe failed");
        },
        { initialState: 1, waitStrategy: () => ({ shouldContinue: false }) },
      ),
    );
    expect(await invoke(client, handler)).toMatchObject({
      Status: "FAILED",
      Error: { ErrorType: "StepError", ErrorMessage: "probe failed" },
    });
    const sync = withDurableExecution(async (_e, ctx) =>
      ctx.waitForCondition(async (s) => s, {} as never),
    );
    expect(await invoke(new MemoryClient(), sync)).toEqual({
      Status: "FAILED",
      Error: {
        ErrorType: "Error",
        ErrorMessage: "waitForCondition requires config with waitStrategy and initialState",
      },
    });
  });
});

describe("withRetry", () => {
  it("retries the block after a durable back-off wait and wraps the final failure", async () => {
    const client = new MemoryClient();
    const attempts: number[] = [];
    const handler = withDurableExecution(async (_e, ctx) =>
      withRetry(
        ctx,
        "block",
        async (c, attempt) => {
          attempts.push(attempt);
          await c.step(async () => attempt);
          if (attempt < 2) throw new Error("again");
          return "done";
        },
        { retryStrategy: (_e2, n) => ({ shouldRetry: n < 2, delay: { seconds: 2 } }) },
      ),
    );
    expect(await invoke(client, handler)).toEqual({ Status: "PENDING" });
    expect(client.updates.find((u) => u.Type === "WAIT")).toMatchObject({
      Name: "block-backoff-1",
      WaitOptions: { WaitSeconds: 2 },
    });
    client.completeWait(hashOperationId("1-2"));
    expect(await invoke(client, handler)).toEqual({ Status: "SUCCEEDED", Result: '"done"' });
    expect(attempts).toEqual([1, 1, 2]);

    const failing = new MemoryClient();
    const seen: unknown[] = [];
    await invoke(
      failing,
      withDurableExecution(async (_e, ctx) => {
        await withRetry(
          ctx,
          async () => {
            throw new TypeError("nope");
          },
          { retryStrategy: () => ({ shouldRetry: false }) },
        ).catch((e) => seen.push(e));
      }),
    );
    expect(seen[0]).toBeInstanceOf(ChildContextError);
    expect((seen[0] as ChildContextError).cause).toBeInstanceOf(StepError);
  });

  it("rejects a missing config with the reference TypeError", async () => {
    await expect(withRetry({} as never, async () => 1, undefined as never)).rejects.toThrow(
      "withRetry: config is required",
    );
  });
});
