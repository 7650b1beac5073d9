import { withDurableExecution, DurablePromise, type DurableLogger } from "../../src";
import { MemoryClient, invoke, lambdaContext } from "../helpers/memory-client";
import { h } from "../helpers/ids";

function memoryLogger() {
  const lines: string[] = [];
  const logger: DurableLogger = {
    info: (...a: unknown[]) => void lines.push(`info ${a.join(" ")}`),
    warn: (...a: unknown[]) => void lines.push(`warn ${a.join(" ")}`),
    error: (...a: unknown[]) => void lines.push(`error ${a.join(" ")}`),
    debug: (...a: unknown[]) => void lines.push(`debug ${a.join(" ")}`),
  };
  return { lines, logger };
}

describe("DurablePromise", () => {
  it("runs its executor once, on first observation, and is not a Promise", async () => {
    const executor = jest.fn(async () => 3);
    const p = new DurablePromise(executor);
    expect(executor).not.toHaveBeenCalled();
    expect(p.isExecuted).toBe(false);
    expect(p instanceof Promise).toBe(false);
    expect(Object.prototype.toString.call(p)).toBe("[object DurablePromise]");
    expect(await p).toBe(3);
    expect(await p.then((v) => v + 1)).toBe(4);
    await p.finally(() => undefined);
    expect(executor).toHaveBeenCalledTimes(1);
    expect(p.isExecuted).toBe(true);
  });

  it("starts context operations eagerly even when never awaited, without unhandled rejections", async () => {
    const client = new MemoryClient();
    const fn = jest.fn(async () => {
      throw new Error("ignored");
    });
    const handler = withDurableExecution(async (_e, ctx) => {
      void ctx.step("unobserved", fn, { retryStrategy: () => ({ shouldRetry: false }) });
      await ctx.step("observed", async () => 1);
      return "ok";
    });
    expect(await invoke(client, handler)).toEqual({ Status: "SUCCEEDED", Result: '"ok"' });
    expect(fn).toHaveBeenCalledTimes(1);
    expect(client.updates.some((u) => u.Name === "unobserved" && u.Action === "FAIL")).toBe(true);
  });
});

describe("context properties and settings", () => {
  it("exposes lambdaContext, executionContext and a DurableContext tag on every context", async () => {
    const client = new MemoryClient();
    let seen: unknown[] = [];
    const handler = withDurableExecution(async (_e, ctx) => {
      await ctx.runInChildContext(async (child) => {
        seen = [
          child.lambdaContext.awsRequestId,
          child.executionContext.durableExecutionArn,
          Object.prototype.toString.call(child),
        ];
      });
    });
    await invoke(client, handler);
    expect(seen).toEqual([
      "req-1",
      client.envelope().DurableExecutionArn,
      "[object DurableContext]",
    ]);
  });

  it("configureSerdes sets the default serdes for steps and children created afterwards", async () => {
    const client = new MemoryClient();
    const upper = {
      serialize: async (v: unknown) => (v === undefined ? undefined : `U:${JSON.stringify(v)}`),
      deserialize: async (s: string | undefined) =>
        s === undefined ? undefined : JSON.parse(s.slice(2)),
    };
    const handler = withDurableExecution(async (_e, ctx) => {
      ctx.configureSerdes({ defaultSerdes: upper });
      const a = await ctx.step(async () => ({ a: 1 }));
      const b = await ctx.runInChildContext(async (c) => c.step(async () => 2));
      return [a, b];
    });
    expect(await invoke(client, handler)).toEqual({ Status: "SUCCEEDED", Result: '[{"a":1},2]' });
    expect(client.updates.filter((u) => u.Action === "SUCCEED").map((u) => u.Payload)).toEqual([
      'U:{"a":1}',
      "U:2",
      "U:2",
    ]);
  });

  it("fails the invocation with SerdesFailedError when a result cannot be serialized", async () => {
    const client = new MemoryClient();
    const handler = withDurableExecution(async (_e, ctx) =>
      ctx.step("big-int", async () => BigInt(1)),
    );
    await expect(invoke(client, handler)).rejects.toMatchObject({
      name: "SerdesFailedError",
      message: expect.stringMatching(
        /^\[Unrecoverable Invocation\] Serialization failed for step "big-int" \(1\): .*BigInt/,
      ),
    });
  });

  it("fails the invocation with SerdesFailedError when a stored result cannot be deserialized", async () => {
    const client = new MemoryClient();
    const id = h("1");
    client.operations.set(id, {
      Id: id,
      Type: "STEP",
      SubType: "Step",
      Status: "SUCCEEDED",
      StepDetails: { Result: "{not json" },
    });
    const handler = withDurableExecution(async (_e, ctx) => ctx.step(async () => 1));
    await expect(invoke(client, handler)).rejects.toThrow(
      /^\[Unrecoverable Invocation\] Deserialization failed for step \(1\)/,
    );
  });
});

describe("logging", () => {
  it("suppresses context logs while replaying and emits them once execution catches up", async () => {
    const client = new MemoryClient();
    const { lines, logger } = memoryLogger();
    const handler = withDurableExecution(async (_e, ctx) => {
      ctx.configureLogger({ customLogger: logger });
      ctx.logger.info("before");
      await ctx.step(async () => 1);
      ctx.logger.info("between");
      await ctx.wait({ seconds: 1 });
      ctx.logger.info("after");
    });
    await invoke(client, handler);
    expect(lines).toEqual(["info before", "info between"]);
    lines.length = 0;
    client.completeWait(h("2"));
    await invoke(client, handler);
    expect(lines).toEqual(["info after"]);
  });

  it("stays live once a position had no checkpoint, even when a later one has", async () => {
    const client = new MemoryClient();
    client.operations.set(h("2"), {
      Id: h("2"),
      Type: "STEP",
      SubType: "Step",
      Status: "SUCCEEDED",
      StepDetails: { Result: "2" },
    });
    const { lines, logger } = memoryLogger();
    const handler = withDurableExecution(async (_e, ctx) => {
      ctx.configureLogger({ customLogger: logger });
      const first = await ctx.step(async () => 1);
      ctx.logger.info("between");
      const second = await ctx.step(async (): Promise<number> => 20);
      ctx.logger.info("after");
      return first + second;
    });
    await expect(invoke(client, handler)).resolves.toMatchObject({
      Status: "SUCCEEDED",
      Result: "3",
    });
    expect(lines).toEqual(["info between", "info after"]);
  });

  it("modeAware false emits on every replay and step loggers carry operation metadata", async () => {
    const client = new MemoryClient();
    const { lines, logger } = memoryLogger();
    const data: unknown[] = [];
    logger.configureDurableLoggingContext = (c) => {
      logger.debug = () => void data.push(c.getDurableLogData());
    };
    const handler = withDurableExecution(async (_e, ctx) => {
      ctx.configureLogger({ customLogger: logger, modeAware: false });
      ctx.logger.info("always");
      await ctx.step("named", async ({ logger: stepLogger }) => stepLogger.debug("inside"));
    });
    await invoke(client, handler);
    await invoke(client, handler);
    expect(lines).toEqual(["info always", "info always"]);
    expect(data).toEqual([
      {
        requestId: "req-1",
        executionArn: client.envelope().DurableExecutionArn,
        operationId: "c4ca4238a0b92382",
        operationName: "named",
        attempt: 1,
      },
    ]);
  });
});

describe("configureLogger and configureSerdes change only the settings they are given", () => {
  it("configureLogger({ modeAware }) keeps the custom logger configured before", async () => {
    const client = new MemoryClient();
    const { lines, logger } = memoryLogger();
    const handler = withDurableExecution(async (_e, ctx) => {
      ctx.configureLogger({ customLogger: logger });
      ctx.configureLogger({ modeAware: false });
      ctx.logger.info("every time");
      await ctx.wait({ seconds: 1 });
    });
    await invoke(client, handler);
    client.completeWait(h("1"));
    await invoke(client, handler);
    expect(lines).toEqual(["info every time", "info every time"]);
  });

  it("configureSerdes({ defaultSerdes }) keeps the callback deserializer configured before", async () => {
    const client = new MemoryClient();
    const handler = withDurableExecution(async (_e, ctx) => {
      ctx.configureSerdes({
        defaultCallbackDeserializer: { deserialize: async (s) => `ctx:${s}` },
      });
      ctx.configureSerdes({
        defaultSerdes: {
          serialize: async (value) => JSON.stringify(value),
          deserialize: async (s) => (s === undefined ? undefined : JSON.parse(s)),
        },
      });
      const [answer] = await ctx.createCallback("c");
      return answer;
    });
    await invoke(client, handler);
    client.completeCallback(h("1"), "yes");
    expect(await invoke(client, handler)).toEqual({ Status: "SUCCEEDED", Result: '"ctx:yes"' });
  });
});

describe("log data names the tenant when the Lambda context has one", () => {
  it.each<[string, unknown, object]>([
    ["a tenant id", "tenant-a", { tenantId: "tenant-a" }],
    ["null (no tenant)", null, {}],
    ["none", undefined, {}],
  ])("%s", async (_title, tenantId, expected) => {
    const client = new MemoryClient();
    const { logger } = memoryLogger();
    const data: unknown[] = [];
    logger.configureDurableLoggingContext = (c) => {
      logger.info = () => void data.push(c.getDurableLogData());
    };
    const handler = withDurableExecution(async (_e, ctx) => {
      ctx.configureLogger({ customLogger: logger });
      ctx.logger.info("hello");
    });
    await invoke(client, handler, lambdaContext({ tenantId }));
    // Strict: no tenantId key at all without a tenant (a logger listing keys would show it).
    expect(data).toStrictEqual([
      { requestId: "req-1", executionArn: client.envelope().DurableExecutionArn, ...expected },
    ]);
  });
});

describe("suspension and polling", () => {
  it("polls a wait that comes due while a step is still running and resumes in the same invocation", async () => {
    const client = new MemoryClient();
    const waitId = h("1");
    const handler = withDurableExecution(async (_e, ctx) => {
      const waited = ctx.wait({ seconds: 1 });
      const slow = ctx.step("slow", async () => {
        // the wait is due at once (the client's clock is in the past): the SDK polls for it
        await client.answered((r) => r.Updates?.length === 0);
        client.completeWait(waitId);
        return "slow";
      });
      await waited;
      return slow;
    });
    expect(await invoke(client, handler)).toEqual({ Status: "SUCCEEDED", Result: '"slow"' });
    expect(client.requests.some((r) => r.Updates?.length === 0)).toBe(true);
  });
});
