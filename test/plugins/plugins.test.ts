import { join } from "node:path";
import {
  withDurableExecution,
  type AttemptEndInfo,
  type AttemptInfo,
  type ChildContextStartInfo,
  type DurableInstrumentationPlugin,
  type InvocationEndInfo,
} from "../../src";
import { DurableExecutionInvocationInputWithClient } from "../../src/checkpoint/invocation-input-with-client";
import { loadPluginsFromEnvironment } from "../../src/plugins/plugin-loader";
import { MemoryClient, lambdaContext } from "../helpers/memory-client";
import { h } from "../helpers/ids";

function invoke(
  client: MemoryClient,
  handler: ReturnType<typeof withDurableExecution>,
  updated?: string[],
) {
  const envelope = { ...client.envelope(), ...(updated ? { UpdatedOperationIds: updated } : {}) };
  return handler(new DurableExecutionInvocationInputWithClient(envelope, client), lambdaContext());
}

function recorder() {
  const events: string[] = [];
  const plugin: DurableInstrumentationPlugin = {
    onInvocationStart: async (i) =>
      void events.push(`invocationStart first=${i.isFirstInvocation}`),
    onInvocationEnd: async (i) => void events.push(`invocationEnd ${i.status}`),
    onOperationStart: async (i) =>
      void events.push(`opStart ${i.name ?? i.type} replay=${i.isReplay}`),
    onOperationEnd: async (i) =>
      void events.push(`opEnd ${i.name ?? i.type} ${i.status} replay=${i.isReplay}`),
    onOperationAttemptStart: async (i) => void events.push(`attemptStart ${i.name} #${i.attempt}`),
    onOperationAttemptEnd: async (i) =>
      void events.push(`attemptEnd ${i.name} #${i.attempt} ${i.outcome}`),
    wrapOperationAttemptFn: (i, fn) => {
      events.push(`wrapAttempt ${i.name}`);
      return fn();
    },
    wrapChildContextFn: (i, fn) => {
      events.push(`wrapChild ${i.name}`);
      return fn();
    },
  };
  return { events, plugin };
}

describe("instrumentation plugins", () => {
  it("reports invocation, operation and attempt hooks in order, with attempt numbers", async () => {
    const client = new MemoryClient();
    const { events, plugin } = recorder();
    const handler = withDurableExecution(
      async (_e, ctx) => {
        await ctx.runInChildContext("group", async (child) =>
          child.step(
            "s",
            async ({ attempt }) => {
              if (attempt === 1) throw new Error("once");
              return attempt;
            },
            { retryStrategy: () => ({ shouldRetry: true, delay: { seconds: 1 } }) },
          ),
        );
      },
      { plugins: [plugin] },
    );
    expect(await invoke(client, handler)).toEqual({ Status: "PENDING" });
    expect(events).toEqual([
      "invocationStart first=true",
      "opStart group replay=false",
      "wrapChild group",
      "opStart s replay=false",
      "attemptStart s #1",
      "wrapAttempt s",
      "attemptEnd s #1 FAILED",
      "invocationEnd PENDING",
    ]);
    events.length = 0;
    client.readyRetry(h("1-1"));
    expect(await invoke(client, handler, [h("1-1")])).toEqual({
      Status: "SUCCEEDED",
    });
    expect(events).toEqual([
      "invocationStart first=false",
      "opStart group replay=true",
      "wrapChild group",
      "opStart s replay=true",
      "attemptStart s #2",
      "wrapAttempt s",
      "attemptEnd s #2 SUCCEEDED",
      "opEnd s SUCCEEDED replay=false",
      "opEnd group SUCCEEDED replay=false",
      "invocationEnd SUCCEEDED",
    ]);
  });

  it("reports finished waits found during replay with isReplay from UpdatedOperationIds", async () => {
    const client = new MemoryClient();
    const { events, plugin } = recorder();
    const handler = withDurableExecution(async (_e, ctx) => ctx.wait("nap", { seconds: 5 }), {
      plugins: [plugin],
    });
    await invoke(client, handler);
    client.completeWait(h("1"));
    events.length = 0;
    await invoke(client, handler, [h("1")]);
    expect(events).toContain("opEnd nap SUCCEEDED replay=false");
    events.length = 0;
    await invoke(client, handler);
    expect(events).toContain("opEnd nap SUCCEEDED replay=true");
  });

  it("never lets plugin failures break the execution, and user errors always propagate", async () => {
    const client = new MemoryClient();
    const broken: DurableInstrumentationPlugin = {
      onInvocationStart: async () => {
        throw new Error("hook broke");
      },
      onOperationStart: () => Promise.reject(new Error("rejected")),
      wrapOperationAttemptFn: () => {
        throw new Error("wrapper broke");
      },
      enrichLogContext: () => {
        throw new Error("enrich broke");
      },
    };
    const swallowing: DurableInstrumentationPlugin = {
      wrapOperationAttemptFn: async (_i, fn) => {
        try {
          await fn();
        } catch {
          return "swallowed";
        }
      },
    };
    const runs = jest.fn(async () => {
      throw new Error("user error");
    });
    const handler = withDurableExecution(
      async (_e, ctx) => {
        ctx.logger.info("hello");
        return ctx.step("s", runs, { retryStrategy: () => ({ shouldRetry: false }) });
      },
      { plugins: [broken, swallowing] },
    );
    const out = await invoke(client, handler);
    expect(out).toMatchObject({
      Status: "FAILED",
      Error: { ErrorType: "StepError", ErrorMessage: "user error" },
    });
    expect(runs).toHaveBeenCalledTimes(1);
  });

  it("merges enrichLogContext fields into default logger records", async () => {
    const client = new MemoryClient();
    const writes: string[] = [];
    const spy = jest.spyOn(console, "log").mockImplementation((line) => {
      writes.push(String(line));
    });
    try {
      const handler = withDurableExecution(
        async (_e, ctx) => {
          ctx.logger.info("enriched");
        },
        { plugins: [{ enrichLogContext: () => ({ traceId: "t-1" }) }] },
      );
      await invoke(client, handler);
    } finally {
      spy.mockRestore();
    }
    const record = JSON.parse(writes.find((w) => w.includes("enriched"))!);
    expect(record).toMatchObject({ traceId: "t-1", message: "enriched", requestId: "req-1" });
  });

  it("rejects an invalid childOperationsDepth before the handler runs", async () => {
    const client = new MemoryClient();
    const body = jest.fn(async () => 1);
    const handler = withDurableExecution(body, {
      plugins: [{}],
      pluginsConfig: { childOperationsDepth: -1 },
    });
    expect(await invoke(client, handler)).toEqual({
      Status: "FAILED",
      Error: {
        ErrorType: "Error",
        ErrorMessage:
          "pluginsConfig.childOperationsDepth must be a non-negative integer or Infinity; got -1.",
      },
    });
    expect(body).not.toHaveBeenCalled();
  });

  it("marks contexts within childOperationsDepth to keep their children", async () => {
    const client = new MemoryClient();
    const handler = withDurableExecution(
      async (_e, ctx) =>
        ctx.runInChildContext("outer", async (c) =>
          c.runInChildContext("inner", async (d) => d.step(async () => 1)),
        ),
      { pluginsConfig: { childOperationsDepth: 1 } },
    );
    await invoke(client, handler);
    const succeeds = client.updates.filter((u) => u.Type === "CONTEXT" && u.Action === "SUCCEED");
    expect(succeeds.map((u) => [u.Name, u.ContextOptions?.ReplayChildren])).toEqual([
      ["inner", undefined],
      ["outer", true],
    ]);
  });

  it("a failing context within childOperationsDepth keeps its children too", async () => {
    const client = new MemoryClient();
    const handler = withDurableExecution(
      async (_e, ctx) =>
        ctx.runInChildContext("outer", async (c) =>
          c.runInChildContext("inner", async () => {
            throw new Error("no");
          }),
        ),
      { pluginsConfig: { childOperationsDepth: 1 } },
    );
    expect(await invoke(client, handler)).toMatchObject({ Status: "FAILED" });
    const fails = client.updates.filter((u) => u.Type === "CONTEXT" && u.Action === "FAIL");
    expect(fails.map((u) => [u.Name, u.ContextOptions])).toEqual([
      ["inner", undefined],
      ["outer", { ReplayChildren: true }],
    ]);
  });
});

describe("asynchronous operation hooks", () => {
  it("are awaited: an operation starts its work after onOperationStart, and its caller goes on after onOperationEnd", async () => {
    const client = new MemoryClient();
    const events: string[] = [];
    const sentEarly: Array<string | undefined> = [];
    const later = () => new Promise((resolve) => setImmediate(resolve));
    const plugin: DurableInstrumentationPlugin = {
      onOperationStart: async (i) => {
        // A wait, callback or invoke queues its START only once this hook has finished: give
        // a START sent too early a few turns to reach the client.
        for (let turn = 0; turn < 5; turn++) await later();
        events.push(`start ${i.name}`);
        const waitsOnService = ["WAIT", "CALLBACK", "CHAINED_INVOKE"].includes(i.type);
        if (waitsOnService && client.updates.some((u) => u.Id === i.id && u.Action === "START")) {
          sentEarly.push(i.name);
        }
      },
      onOperationEnd: async (i) => {
        await later();
        events.push(`end ${i.name}`);
      },
    };
    const handler = withDurableExecution(
      async (_e, ctx) => {
        await ctx.step("s", async () => void events.push("body s"));
        await ctx.runInChildContext("c", async () => void events.push("body c"));
        await ctx.waitForCondition(
          "q",
          async (n: number) => {
            events.push("check q");
            return n;
          },
          { initialState: 0, waitStrategy: () => ({ shouldContinue: false }) },
        );
        await ctx.wait("w", { seconds: 1 });
        events.push("after w");
        const [answer] = await ctx.createCallback("cb");
        await answer;
        events.push("after cb");
        await ctx.invoke("i", "fn", {});
        events.push("after i");
      },
      { plugins: [plugin] },
    );
    expect(await invoke(client, handler)).toEqual({ Status: "PENDING" });
    const firstRun = events.splice(0);
    expect(firstRun.slice(0, 3)).toEqual(["start s", "body s", "end s"]);
    expect(firstRun.indexOf("start c")).toBe(firstRun.indexOf("body c") - 1);
    expect(firstRun.indexOf("start q")).toBe(firstRun.indexOf("check q") - 1);
    client.completeWait(h("4"));
    expect(await invoke(client, handler)).toEqual({ Status: "PENDING" });
    client.completeCallback(h("5"), '"ok"');
    expect(await invoke(client, handler)).toEqual({ Status: "PENDING" });
    expect(events.splice(0).slice(-2)).toEqual(["after cb", "start i"]);
    client.completeInvoke(h("6"), "SUCCEEDED", { Result: '"r"' });
    expect(await invoke(client, handler)).toEqual({ Status: "SUCCEEDED" });
    expect(events).toEqual(["end w", "after w", "end cb", "after cb", "end i", "after i"]);
    expect(sentEarly).toEqual([]);
  });
});

describe("plugin info completeness (service conformance requirements)", () => {
  it("carries isFirstInvocation at the end, attempt timestamps, no stale error and isReplayingChildren", async () => {
    const client = new MemoryClient();
    const ends: InvocationEndInfo[] = [];
    const attemptStarts: AttemptInfo[] = [];
    const attemptEnds: AttemptEndInfo[] = [];
    const childStarts: ChildContextStartInfo[] = [];
    const wrapped: ChildContextStartInfo[] = [];
    const plugin: DurableInstrumentationPlugin = {
      onInvocationEnd: async (i) => void ends.push(i),
      onOperationAttemptStart: async (i) => void attemptStarts.push(i),
      onOperationAttemptEnd: async (i) => void attemptEnds.push(i),
      onOperationStart: async (i) => {
        if (i.type === "CONTEXT") childStarts.push(i as ChildContextStartInfo);
      },
      wrapChildContextFn: (i, fn) => {
        wrapped.push(i);
        return fn();
      },
    };
    const handler = withDurableExecution(
      async (_e, ctx) =>
        ctx.runInChildContext("group", async (child) =>
          child.step(
            "flaky",
            async ({ attempt }) => {
              if (attempt === 1) throw new Error("first attempt fails");
              return attempt;
            },
            { retryStrategy: () => ({ shouldRetry: true, delay: { seconds: 1 } }) },
          ),
        ),
      { plugins: [plugin] },
    );
    expect(await invoke(client, handler)).toEqual({ Status: "PENDING" });
    client.readyRetry(h("1-1"));
    expect(await invoke(client, handler)).toEqual({ Status: "SUCCEEDED", Result: "2" });

    expect(ends.map((e) => [e.status, e.isFirstInvocation])).toEqual([
      ["PENDING", true],
      ["SUCCEEDED", false],
    ]);
    expect(attemptStarts.map((a) => a.attempt)).toEqual([1, 2]);
    // A retry's attempt reports the operation as replayed (it was recorded before).
    expect(attemptStarts.map((a) => a.isReplay)).toEqual([false, true]);
    for (const info of [...attemptStarts, ...attemptEnds]) {
      expect(info.startTimestamp).toBeInstanceOf(Date);
    }
    for (const info of attemptEnds) {
      expect(info.endTimestamp).toBeInstanceOf(Date);
      expect(info.endTimestamp.getTime()).toBeGreaterThanOrEqual(info.startTimestamp.getTime());
    }
    expect(attemptEnds.map((a) => [a.attempt, a.outcome, a.error?.message])).toEqual([
      [1, "FAILED", "first attempt fails"],
      [2, "SUCCEEDED", undefined],
    ]);
    expect("error" in attemptEnds[1]).toBe(false);
    expect(childStarts.map((c) => c.isReplayingChildren)).toEqual([false, true]);
    expect(wrapped.map((c) => c.isReplayingChildren)).toEqual([false, true]);
  });
});

describe("DURABLE_EXECUTION_PLUGINS", () => {
  const fixture = (name: string) => join(__dirname, "fixtures", name);

  it("loads providers in order and fails every invocation when loading fails", async () => {
    const plugins = await loadPluginsFromEnvironment(fixture("good-plugin.js"));
    expect(plugins).toHaveLength(1);
    const client = new MemoryClient();
    process.env.DURABLE_EXECUTION_PLUGINS = fixture("no-provider.js");
    try {
      const handler = withDurableExecution(async () => 1);
      const out = await invoke(client, handler);
      expect(out).toMatchObject({ Status: "FAILED", Error: { ErrorType: "PluginLoadError" } });
      expect((out as { Error: { ErrorMessage: string } }).Error.ErrorMessage).toMatch(
        /^Dynamic plugin configuration failed: Plugin module '.*no-provider.js' does not export durableExecutionPluginProvider\.$/,
      );
    } finally {
      delete process.env.DURABLE_EXECUTION_PLUGINS;
    }
  });

  it.each([
    [" , x", "contains an empty entry"],
    ["a,a", "lists 'a' more than once"],
    ["./does-not-exist-plugin", "could not be resolved from"],
  ])("rejects %p with a clear message", async (value, message) => {
    await expect(loadPluginsFromEnvironment(value)).rejects.toThrow(message);
  });

  it("validates the provider", async () => {
    await expect(loadPluginsFromEnvironment(fixture("wrong-version.js"))).rejects.toThrow(
      "declares pluginApiVersion 2",
    );
    await expect(loadPluginsFromEnvironment(fixture("wrong-instance.js"))).rejects.toThrow(
      "did not return an instance of its pluginType",
    );
  });
});
