/** withRetry against the in-memory checkpoint API: back-off waits, wrapping, replays, bad options. */
import { ChildContextError, InvokeError, withDurableExecution, withRetry } from "../../src";
import { DurableExecutionInvocationInputWithClient } from "../../src/checkpoint/invocation-input-with-client";
import { MemoryClient, lambdaContext } from "../helpers/memory-client";
import { h } from "../helpers/ids";

function run(client: MemoryClient, handler: ReturnType<typeof withDurableExecution>) {
  return handler(
    new DurableExecutionInvocationInputWithClient(client.envelope(), client),
    lambdaContext(),
  );
}

describe("withRetry: wrapped in a child context (default)", () => {
  it("retries after a named durable back-off wait in a later invocation", async () => {
    const client = new MemoryClient();
    const attempts: number[] = [];
    const decisions: Array<[string, number]> = [];
    const handler = withDurableExecution(async (_e, ctx) =>
      withRetry(
        ctx,
        "block",
        async (c, attempt) => {
          attempts.push(attempt);
          const value = await c.step(`work-${attempt}`, async () => attempt);
          if (value < 2) throw new Error(`again ${value}`);
          return "done";
        },
        {
          retryStrategy: (error, n) => {
            decisions.push([error.message, n]);
            return { shouldRetry: n < 3, delay: { seconds: 2 } };
          },
        },
      ),
    );

    expect(await run(client, handler)).toEqual({ Status: "PENDING" });
    expect(client.updates.map((u) => [u.Id, u.Type, u.Action, u.Name, u.SubType])).toEqual([
      [h("1"), "CONTEXT", "START", "block", "RunInChildContext"],
      [h("1-1"), "STEP", "START", "work-1", "Step"],
      [h("1-1"), "STEP", "SUCCEED", "work-1", "Step"],
      [h("1-2"), "WAIT", "START", "block-backoff-1", "Wait"],
    ]);
    expect(client.updates[3].WaitOptions).toEqual({ WaitSeconds: 2 });

    client.completeWait(h("1-2"));
    expect(await run(client, handler)).toEqual({ Status: "SUCCEEDED", Result: '"done"' });
    expect(attempts).toEqual([1, 1, 2]);
    expect(decisions).toEqual([
      ["again 1", 1],
      ["again 1", 1],
    ]);
    expect(client.updates.slice(4).map((u) => [u.Id, u.Action, u.Name])).toEqual([
      [h("1-3"), "START", "work-2"],
      [h("1-3"), "SUCCEED", "work-2"],
      [h("1"), "SUCCEED", "block"],
    ]);
    // Completed: the block does not run again.
    expect(await run(client, handler)).toEqual({ Status: "SUCCEEDED", Result: '"done"' });
    expect(attempts).toEqual([1, 1, 2]);
  });

  it("unnamed: the back-off wait has no name and defaults to 1 second", async () => {
    const client = new MemoryClient();
    const handler = withDurableExecution(async (_e, ctx) =>
      withRetry(
        ctx,
        async () => {
          throw new Error("x");
        },
        { retryStrategy: () => ({ shouldRetry: true }) },
      ),
    );
    await run(client, handler);
    expect(client.updates[0]).not.toHaveProperty("Name");
    expect(client.updates[1]).toMatchObject({ Type: "WAIT", WaitOptions: { WaitSeconds: 1 } });
    expect(client.updates[1]).not.toHaveProperty("Name");
  });

  it("a final failure is a ChildContextError with the rebuilt error as cause, on replay too", async () => {
    const client = new MemoryClient();
    const seen: unknown[] = [];
    const handler = withDurableExecution(async (_e, ctx) => {
      await withRetry(
        ctx,
        "b",
        async () => {
          throw new InvokeError("remote", undefined, "data");
        },
        { retryStrategy: () => ({ shouldRetry: false }) },
      ).catch((e: unknown) => seen.push(e));
    });
    await run(client, handler);
    await run(client, handler);
    expect(seen).toHaveLength(2);
    for (const error of seen) {
      expect(error).toBeInstanceOf(ChildContextError);
      expect((error as ChildContextError).cause).toBeInstanceOf(InvokeError);
      expect((error as ChildContextError).cause).toMatchObject({
        message: "remote",
        errorData: "data",
      });
    }
  });

  it("childContextConfig is passed to the child: errorMapper maps the final error, serdes the result", async () => {
    const client = new MemoryClient();
    const seen: unknown[] = [];
    const handler = withDurableExecution(async (_e, ctx) => {
      await withRetry(
        ctx,
        async () => {
          throw new TypeError("bad");
        },
        {
          retryStrategy: () => ({ shouldRetry: false }),
          childContextConfig: {
            errorMapper: (inner) => new InvokeError(`mapped ${inner.message}`),
          },
        },
      ).catch((e: unknown) => seen.push(e));
      return withRetry(ctx, async () => 5, {
        retryStrategy: () => ({ shouldRetry: false }),
        childContextConfig: {
          serdes: {
            serialize: async (n) => `n${n}`,
            deserialize: async (s) => Number(s!.slice(1)) * 10,
          },
        },
      });
    });
    expect(await run(client, handler)).toEqual({ Status: "SUCCEEDED", Result: "50" });
    expect(seen[0]).toBeInstanceOf(InvokeError);
    expect((seen[0] as Error).message).toBe("mapped bad");
    expect(client.updates.find((u) => u.Action === "SUCCEED")?.Payload).toBe("n5");
  });
});

describe("withRetry: wrapWithRunInChildContext false", () => {
  it("runs on the given context and rethrows the last error unchanged", async () => {
    const client = new MemoryClient();
    const seen: unknown[] = [];
    const original = new RangeError("out of range");
    const handler = withDurableExecution(async (_e, ctx) => {
      await withRetry(
        ctx,
        "flat",
        async (c, attempt) => {
          await c.step(async () => attempt);
          throw original;
        },
        {
          wrapWithRunInChildContext: false,
          retryStrategy: (_err, n) => ({ shouldRetry: n < 2, delay: { seconds: 4 } }),
          childContextConfig: { subType: "ignored" },
        },
      ).catch((e: unknown) => seen.push(e));
      return "end";
    });
    expect(await run(client, handler)).toEqual({ Status: "PENDING" });
    expect(client.updates.map((u) => [u.Id, u.Type, u.Action, u.Name])).toEqual([
      [h("1"), "STEP", "START", undefined],
      [h("1"), "STEP", "SUCCEED", undefined],
      [h("2"), "WAIT", "START", "flat-backoff-1"],
    ]);
    client.completeWait(h("2"));
    expect(await run(client, handler)).toEqual({ Status: "SUCCEEDED", Result: '"end"' });
    expect(seen).toEqual([original]);
    expect(client.updates.some((u) => u.Type === "CONTEXT")).toBe(false);
  });
});

describe("withRetry: bad options", () => {
  const fn = async () => 1;
  const strategy = () => ({ shouldRetry: false });
  it.each([
    [[fn, undefined], "withRetry: config is required"],
    [["n", fn, undefined], "withRetry: config is required"],
    [[fn, 5], "withRetry: config must be an object (got 5)"],
    [[fn, {}], "withRetry: config.retryStrategy must be a function"],
    [["n", undefined, { retryStrategy: strategy }], "withRetry: a function to retry is required"],
  ])("withRetry(ctx, ...%j) rejects with a TypeError", async (args, message) => {
    const client = new MemoryClient();
    const errors: unknown[] = [];
    const handler = withDurableExecution(async (_e, ctx) => {
      const call = withRetry as unknown as (...a: unknown[]) => Promise<unknown>;
      const pending = call(ctx, ...args);
      expect(pending).toBeInstanceOf(Promise);
      await pending.catch((e: unknown) => errors.push(e));
    });
    await run(client, handler);
    expect(errors[0]).toBeInstanceOf(TypeError);
    expect((errors[0] as Error).message).toBe(message);
    expect(client.updates).toEqual([]);
  });

  it("rejects when the first argument is not a DurableContext", async () => {
    await expect(withRetry(undefined as never, fn, { retryStrategy: strategy })).rejects.toThrow(
      new TypeError("withRetry: the first argument must be a DurableContext"),
    );
  });
});
