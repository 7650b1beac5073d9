/** map / parallel / promise combinators end to end on the embedded service with time skipping. */
import {
  CallbackTimeoutError,
  ChildContextError,
  InvokeError,
  NestingType,
  PromiseCombinatorError,
  withDurableExecution,
  type BatchResult,
  type DurableContext,
} from "../../src";
import { LocalDurableTestRunner } from "../../src/testing";

beforeAll(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
afterAll(() => LocalDurableTestRunner.teardownTestEnvironment());

function eventsOf(result: { getHistoryEvents(): Array<{ EventType?: string; Name?: string }> }) {
  return result.getHistoryEvents().map((e) => [e.EventType, e.Name]);
}

describe("map end to end", () => {
  test("items that wait suspend the execution; replay completes them; history shows every context", async () => {
    const calls: number[] = [];
    const handler = withDurableExecution(async (_event, ctx) => {
      const r = await ctx.map(
        "m",
        [1, 2],
        async (child, item) => {
          await child.wait({ seconds: 10 * item });
          return child.step("work", async () => {
            calls.push(item);
            return item * 2;
          });
        },
        { itemNamer: (item) => `item-${item}` },
      );
      return r.getResults();
    });
    const runner = new LocalDurableTestRunner({ handlerFunction: handler });
    const result = await runner.run();
    expect(result.getStatus()).toBe("SUCCEEDED");
    expect(result.getResult()).toEqual([2, 4]);
    expect(calls).toEqual([1, 2]);
    expect(result.getInvocations().length).toBeGreaterThanOrEqual(2);
    const contextEvents = eventsOf(result).filter(([t]) => String(t).startsWith("Context"));
    expect(contextEvents).toEqual([
      ["ContextStarted", "m"],
      ["ContextStarted", "item-1"],
      ["ContextStarted", "item-2"],
      ["ContextSucceeded", "item-1"],
      ["ContextSucceeded", "item-2"],
      ["ContextSucceeded", "m"],
    ]);
    const map = runner.getOperation("m");
    expect(map.getChildOperations()!.map((op) => op.getName())).toEqual(["item-1", "item-2"]);
  });

  test("FLAT items record no item contexts; their steps are children of the map", async () => {
    const handler = withDurableExecution(async (_event, ctx) => {
      const r = await ctx.map(
        "flat",
        ["a", "b"],
        async (child, item) => {
          await child.wait({ seconds: 1 });
          return child.step(`s-${item}`, async () => item.toUpperCase());
        },
        { nesting: NestingType.FLAT },
      );
      return r.getResults();
    });
    const runner = new LocalDurableTestRunner({ handlerFunction: handler });
    const result = await runner.run();
    expect(result.getResult()).toEqual(["A", "B"]);
    const events = eventsOf(result);
    expect(events.filter(([t]) => String(t).startsWith("Context"))).toEqual([
      ["ContextStarted", "flat"],
      ["ContextSucceeded", "flat"],
    ]);
    expect(
      runner
        .getOperation("flat")
        .getChildOperations()!
        .map((op) => op.getType()),
    ).toEqual(["WAIT", "WAIT", "STEP", "STEP"]);
  });

  test("item errors keep their class and error data after replay across invocations", async () => {
    const seen: Array<[boolean, boolean, string | undefined, string]> = [];
    const handler = withDurableExecution(async (_event, ctx) => {
      const r = await ctx.map(
        [1, 2],
        async (_child, item) => {
          if (item === 2) throw new InvokeError("downstream", undefined, '{"retry":false}');
          return item;
        },
        { completionConfig: { toleratedFailureCount: 1 } },
      );
      const error = r.getErrors()[0];
      seen.push([
        error instanceof ChildContextError,
        error.cause instanceof InvokeError,
        (error.cause as InvokeError).errorData,
        r.completionReason,
      ]);
      await ctx.wait({ seconds: 30 });
      r.throwIfError();
      return "unreachable";
    });
    const runner = new LocalDurableTestRunner({ handlerFunction: handler });
    const result = await runner.run();
    expect(result.getStatus()).toBe("FAILED");
    expect(result.getError()).toMatchObject({
      errorType: "ChildContextError",
      errorMessage: "downstream",
    });
    expect(seen).toEqual([
      [true, true, '{"retry":false}', "ALL_COMPLETED"],
      [true, true, '{"retry":false}', "ALL_COMPLETED"],
    ]);
  });

  test("a large result is stored as a summary and rebuilt from the items on the next invocation", async () => {
    let work = 0;
    const handler = withDurableExecution(async (_event, ctx) => {
      const r = await ctx.map("big", [1, 2, 3], async (child, item) =>
        child.step(async () => {
          work++;
          return String(item).repeat(100_000);
        }),
      );
      await ctx.wait({ seconds: 5 });
      return r.getResults().map((s) => s[0]);
    });
    const runner = new LocalDurableTestRunner({ handlerFunction: handler });
    const result = await runner.run();
    expect(result.getResult()).toEqual(["1", "2", "3"]);
    expect(work).toBe(3);
    const big = runner.getOperation("big").getOperationData()!;
    expect(big.ContextDetails?.ReplayChildren).toBe(true);
    expect(JSON.parse(big.ContextDetails!.Result!)).toMatchObject({
      type: "MapResult",
      itemStatuses: "SSS",
    });
  });
});

describe("a summarized batch result replays as the first run saw it", () => {
  // Issue 16: items still STARTED when a > 256 KiB batch completed were dropped on replay
  // (the reference 2.4.0 drops them too); code after the map must see the same BatchResult.
  function view(r: BatchResult<string>) {
    return {
      reason: r.completionReason,
      status: r.status,
      all: r.all.map((i) => [i.index, i.status, i.result?.length]),
      counts: [r.totalCount, r.successCount, r.failureCount, r.startedCount],
      results: r.getResults().map((s) => s.length),
    };
  }

  test.each(["map", "parallel"] as const)(
    "%s: items STARTED at completion stay STARTED in the rebuilt result",
    async (kind) => {
      const seen: Array<ReturnType<typeof view>> = [];
      const body = async (child: DurableContext, index: number) => {
        if (index === 1) await child.wait("long", { hours: 1 });
        return child.step(`s${index}`, async () => String(index).repeat(200_000));
      };
      const handler = withDurableExecution(async (_event, ctx) => {
        const config = { completionConfig: { minSuccessful: 2 } };
        const r =
          kind === "map"
            ? await ctx.map("big", [0, 1, 2], async (c, _item, i) => body(c, i), config)
            : await ctx.parallel(
                "big",
                [0, 1, 2].map((i) => async (c: DurableContext) => body(c, i)),
                config,
              );
        seen.push(view(r));
        await ctx.wait("after", { seconds: 5 });
        seen.push(view(r));
        return "done";
      });
      const runner = new LocalDurableTestRunner({ handlerFunction: handler });
      const result = await runner.run();
      expect(result.getResult()).toBe("done");
      const big = runner.getOperation("big").getOperationData()!;
      expect(big.ContextDetails?.ReplayChildren).toBe(true);
      expect(JSON.parse(big.ContextDetails!.Result!)).toMatchObject({ itemStatuses: "S-S" });
      expect(seen[0]).toEqual({
        reason: "MIN_SUCCESSFUL_REACHED",
        status: "SUCCEEDED",
        all: [
          [0, "SUCCEEDED", 200_000],
          [1, "STARTED", undefined],
          [2, "SUCCEEDED", 200_000],
        ],
        counts: [3, 2, 0, 1],
        results: [200_000, 200_000],
      });
      // Every view after the first (the replays) equals the first run's.
      expect(seen.length).toBeGreaterThanOrEqual(3);
      for (const later of seen.slice(1)) expect(later).toEqual(seen[0]);
    },
  );
});

describe("parallel end to end", () => {
  test("early completion: the slow branch is abandoned and its later updates never recorded", async () => {
    const handler = withDurableExecution(async (_event, ctx) => {
      const r = await ctx.parallel(
        "race",
        [
          { name: "fast", func: async (c) => c.step("quick", async () => "fast") },
          {
            name: "slow",
            func: async (c) => {
              await c.wait("long", { hours: 1 });
              return c.step("late", async () => "slow");
            },
          },
        ],
        { completionConfig: { minSuccessful: 1 } },
      );
      return [r.completionReason, r.all.map((i) => i.status)];
    });
    const runner = new LocalDurableTestRunner({ handlerFunction: handler });
    const result = await runner.run();
    expect(result.getResult()).toEqual(["MIN_SUCCESSFUL_REACHED", ["SUCCEEDED", "STARTED"]]);
    const names = eventsOf(result).map(([, n]) => n);
    expect(names).not.toContain("late");
    expect(eventsOf(result).filter(([t]) => String(t).startsWith("Context"))).toEqual(
      expect.arrayContaining([
        ["ContextSucceeded", "fast"],
        ["ContextSucceeded", "race"],
      ]),
    );
  });

  test("a durable error class recorded by a step inside a branch survives replay as the cause", async () => {
    const handler = withDurableExecution(async (_event, ctx) => {
      const r = await ctx.parallel(
        [
          async (c) =>
            c.step(
              "cb",
              async () => {
                throw new CallbackTimeoutError("Callback timed out", undefined, "hb");
              },
              { retryStrategy: () => ({ shouldRetry: false }) },
            ),
        ],
        { completionConfig: { toleratedFailureCount: 1 } },
      );
      await ctx.wait({ seconds: 1 });
      const error = r.getErrors()[0];
      return [
        error.constructor.name,
        error.cause?.constructor.name,
        (error.cause as CallbackTimeoutError).errorData,
      ];
    });
    const runner = new LocalDurableTestRunner({ handlerFunction: handler });
    const result = await runner.run();
    expect(result.getInvocations()).toHaveLength(2);
    expect(result.getResult()).toEqual(["ChildContextError", "CallbackTimeoutError", "hb"]);
  });
});

describe("promise combinators end to end", () => {
  test("all over steps and a wait; any failing becomes PromiseCombinatorError", async () => {
    const handler = withDurableExecution(async (_event, ctx) => {
      const a = ctx.step("a", async () => 1);
      const w = ctx.wait("w", { seconds: 3 });
      const [x] = await ctx.promise.all("both", [a, w]);
      let message = "";
      try {
        await ctx.promise.any([Promise.reject(new Error("nope"))]);
      } catch (error) {
        message = `${(error as Error).constructor === PromiseCombinatorError}:${(error as Error).message}`;
      }
      return [x, message];
    });
    const runner = new LocalDurableTestRunner({ handlerFunction: handler });
    const result = await runner.run();
    expect(result.getResult()).toEqual([1, "true:All promises were rejected"]);
    expect(eventsOf(result).filter(([t]) => String(t).startsWith("Context"))).toEqual([
      ["ContextStarted", "both"],
      ["ContextSucceeded", "both"],
      ["ContextStarted", undefined],
      ["ContextFailed", undefined],
    ]);
  });
});

describe("map with a completion policy, retries and a concurrency limit", () => {
  // Checked side by side with the reference SDK 2.4.0 and its testing package: items 0-2
  // start; 0 and 2 succeed, which starts item 3 and then reaches minSuccessful. Item 3 was
  // already running: its step's first attempt (which fails at once) is still recorded
  // before the map's own result, while the item itself stays STARTED, as the BatchResult says.
  test("records the in-flight item's first attempt before the map completes", async () => {
    const handler = withDurableExecution(async (_event, ctx) => {
      const batch = await ctx.map(
        [0, 1, 2, 3, 4],
        async (item, index) =>
          item.step(
            `s${index}`,
            async () => {
              if (index === 1 || index === 3) throw new Error(`item ${index} fails`);
              return index;
            },
            {
              retryStrategy: (_e, attempt) => ({ shouldRetry: attempt < 2, delay: { seconds: 1 } }),
            },
          ),
        {
          maxConcurrency: 3,
          completionConfig: { minSuccessful: 2, toleratedFailurePercentage: 50 },
        },
      );
      return {
        reason: batch.completionReason,
        all: batch.all.map((i) => [i.index, i.status]),
        counts: [batch.successCount, batch.failureCount, batch.startedCount],
      };
    });
    const runner = new LocalDurableTestRunner({ handlerFunction: handler });
    const result = await runner.run();
    expect(result.getResult()).toEqual({
      reason: "MIN_SUCCESSFUL_REACHED",
      all: [
        [0, "SUCCEEDED"],
        [1, "STARTED"],
        [2, "SUCCEEDED"],
        [3, "STARTED"],
      ],
      counts: [2, 0, 2],
    });
    expect(eventsOf(result).slice(1, -2)).toEqual([
      ["ContextStarted", undefined],
      ["ContextStarted", "map-item-0"],
      ["ContextStarted", "map-item-1"],
      ["ContextStarted", "map-item-2"],
      ["StepStarted", "s0"],
      ["StepStarted", "s1"],
      ["StepStarted", "s2"],
      ["StepFailed", "s1"],
      ["StepSucceeded", "s0"],
      ["StepSucceeded", "s2"],
      ["ContextSucceeded", "map-item-0"],
      ["ContextSucceeded", "map-item-2"],
      ["ContextStarted", "map-item-3"],
      ["StepStarted", "s3"],
      ["StepFailed", "s3"],
      ["ContextSucceeded", undefined],
    ]);
  });
});
