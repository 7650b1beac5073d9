import {
  BatchCompletionError,
  ChildContextError,
  CompletionOutcome,
  completeBatch,
  continueBatch,
  InvokeError,
  NestingType,
  StepError,
  type BatchResult,
} from "../../src";
import { h, MemoryClient, runner, shape } from "./batch-helpers";

describe("map: first run", () => {
  it("sends the batch, item and step updates with ids, parents, names and the §5.7 payload", async () => {
    const client = new MemoryClient();
    const run = runner(async (ctx) => {
      const result = await ctx.map(
        "double",
        [10, 20],
        async (child, item, index) => {
          const v = await child.step(async () => item * 2);
          if (index === 1) throw new Error("bad");
          return v;
        },
        { completionConfig: { toleratedFailureCount: 1 } },
      );
      return { reason: result.completionReason, status: result.status };
    });
    const out = await run(client);
    expect(out).toEqual({
      Status: "SUCCEEDED",
      Result: JSON.stringify({ reason: "ALL_COMPLETED", status: "FAILED" }),
    });
    const starts = shape(client).filter((u) => u[0] === "START");
    expect(starts).toEqual([
      ["START", "CONTEXT", "Map", h("1"), undefined, "double"],
      // Item bodies start after the engine has started the wave, as in the reference SDK.
      ["START", "CONTEXT", "MapIteration", h("1-1"), h("1"), "map-item-0"],
      ["START", "CONTEXT", "MapIteration", h("1-2"), h("1"), "map-item-1"],
      ["START", "STEP", "Step", h("1-1-1"), h("1-1"), undefined],
      ["START", "STEP", "Step", h("1-2-1"), h("1-2"), undefined],
    ]);
    const itemEnds = client.updates.filter(
      (u) => u.SubType === "MapIteration" && u.Action !== "START",
    );
    expect(itemEnds.map((u) => [u.Id, u.Action, u.Payload, u.Error])).toEqual(
      expect.arrayContaining([
        [h("1-1"), "SUCCEED", "20", undefined],
        [h("1-2"), "FAIL", undefined, { ErrorType: "Error", ErrorMessage: "bad" }],
      ]),
    );
    const last = client.updates.at(-1)!;
    expect(last).toMatchObject({ Id: h("1"), Action: "SUCCEED", Type: "CONTEXT", SubType: "Map" });
    expect(last.Payload).toBe(
      JSON.stringify({
        all: [
          { result: 20, index: 0, status: "SUCCEEDED" },
          {
            error: {
              ErrorType: "ChildContextError",
              ErrorMessage: "bad",
              // The whole cause chain is stored, as the reference SDK does (checked side by side):
              // the item error wraps the rebuilt StepError, which wraps the original error record.
              Cause: {
                ErrorType: "StepError",
                ErrorMessage: "bad",
                Cause: { ErrorType: "Error", ErrorMessage: "bad" },
              },
            },
            index: 1,
            status: "FAILED",
          },
        ],
        completionReason: "ALL_COMPLETED",
      }),
    );
  });

  it("supports the unnamed overload, itemNamer (empty name falls back) and the array argument", async () => {
    const client = new MemoryClient();
    const seen: unknown[] = [];
    const run = runner(async (ctx) => {
      const r = await ctx.map(
        ["a", "b"],
        async (_child, item, index, array) => {
          seen.push([item, index, array]);
          return item.toUpperCase();
        },
        { itemNamer: (item, index) => (index === 0 ? `item-${item}` : "") },
      );
      return r.getResults();
    });
    expect(await run(client)).toEqual({ Status: "SUCCEEDED", Result: '["A","B"]' });
    expect(seen).toEqual([
      ["a", 0, ["a", "b"]],
      ["b", 1, ["a", "b"]],
    ]);
    expect(shape(client).filter((u) => u[0] === "START")).toEqual([
      ["START", "CONTEXT", "Map", h("1"), undefined, undefined],
      ["START", "CONTEXT", "MapIteration", h("1-1"), h("1"), "item-a"],
      ["START", "CONTEXT", "MapIteration", h("1-2"), h("1"), "map-item-1"],
    ]);
  });

  it("starts items in index order with at most maxConcurrency running", async () => {
    const client = new MemoryClient();
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const run = runner(async (ctx) => {
      const r = await ctx.map(
        Array.from({ length: 7 }, (_, i) => i),
        async (child, item) => {
          order.push(item);
          running++;
          peak = Math.max(peak, running);
          const v = await child.step(async () => {
            // later items finish first: item i stays 7 - i event-loop turns
            for (let turn = item; turn < 7; turn++) await new Promise((r) => setImmediate(r));
            return item;
          });
          running--;
          return v;
        },
        { maxConcurrency: 3 },
      );
      return r.getResults();
    });
    expect(await run(client)).toEqual({ Status: "SUCCEEDED", Result: "[0,1,2,3,4,5,6]" });
    expect(peak).toBe(3);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it("resolves an empty input at once with ALL_COMPLETED", async () => {
    const client = new MemoryClient();
    const run = runner(async (ctx) => {
      const r = await ctx.map([], async () => 1);
      return [r.completionReason, r.totalCount, r.status];
    });
    expect(await run(client)).toEqual({
      Status: "SUCCEEDED",
      Result: '["ALL_COMPLETED",0,"SUCCEEDED"]',
    });
  });

  it("counts items per checkpoint wave: one request per wave of maxConcurrency items", async () => {
    const client = new MemoryClient();
    const run = runner(async (ctx) => {
      const r = await ctx.map(
        Array.from({ length: 40 }, (_, i) => i),
        async (child, item) => child.step(async () => item),
        { maxConcurrency: 10 },
      );
      return r.successCount;
    });
    expect(await run(client)).toEqual({ Status: "SUCCEEDED", Result: "40" });
    expect(client.requests.length).toBeLessThanOrEqual(40 / 10 + 2);
  });
});

describe("map: replay", () => {
  it("returns the checkpointed result without re-running items; errors keep class and fields", async () => {
    const client = new MemoryClient();
    const work = jest.fn(async (x: number) => x);
    let captured: BatchResult<number> | undefined;
    const run = runner(async (ctx) => {
      const r = await ctx.map(
        [1, 2],
        async (child, item) => {
          const v = await child.step(async () => work(item));
          if (item === 2) throw new InvokeError("target failed", undefined, '{"code":42}');
          return v;
        },
        { completionConfig: { toleratedFailurePercentage: 50 } },
      );
      captured = r;
      return r.failureCount;
    });
    await run(client);
    const fresh = captured!;
    const requests = client.requests.length;
    await run(client);
    const replayed = captured!;
    expect(work).toHaveBeenCalledTimes(2);
    expect(client.requests.length).toBe(requests);
    for (const r of [fresh, replayed]) {
      expect(r.all.map((i) => i.status)).toEqual(["SUCCEEDED", "FAILED"]);
      const error = r.failed()[0].error;
      expect(error).toBeInstanceOf(ChildContextError);
      expect(error.message).toBe("target failed");
      expect(error.cause).toBeInstanceOf(InvokeError);
      expect((error.cause as InvokeError).errorData).toBe('{"code":42}');
      expect(r.getResults()).toEqual([1]);
      expect(() => r.throwIfError()).toThrow(error);
    }
  });

  it("an item failed by a nested batch's custom failed outcome keeps its BatchCompletionError on replay", async () => {
    const client = new MemoryClient();
    let captured: BatchResult<number> | undefined;
    const run = runner(async (ctx) => {
      captured = await ctx.map(
        "outer",
        [1],
        async (child) => {
          const inner = await child.map("inner", [1, 2], async (_c, n) => n, {
            completionConfig: {
              shouldComplete: (s) =>
                s.successCount >= 1 ? completeBatch(CompletionOutcome.FAILED) : continueBatch(),
            },
          });
          inner.throwIfError();
          return 0;
        },
        { completionConfig: { toleratedFailureCount: 1 } },
      );
      return captured.failureCount;
    });
    await run(client);
    const fresh = captured!;
    await run(client);
    const replayed = captured!;
    // ChildContextError → StepError → BatchCompletionError, as the reference SDK 2.4.0 chains
    // it (there the last link is an Error named BatchCompletionError).
    for (const r of [fresh, replayed]) {
      const stepError = r.failed()[0].error.cause;
      expect(stepError).toBeInstanceOf(StepError);
      const cause = stepError?.cause;
      expect(cause).toBeInstanceOf(BatchCompletionError);
      expect(cause).toMatchObject({
        completionReason: "CUSTOM_COMPLETION_FAILED",
        message: "Batch completed as failed by shouldComplete (CUSTOM_COMPLETION_FAILED)",
      });
    }
  });

  it("replays after a suspension inside an item (a wait) and finishes on the next invocation", async () => {
    const client = new MemoryClient();
    const before = jest.fn(async (x: number) => x);
    const after = jest.fn(async (x: number) => x * 100);
    const run = runner(async (ctx) => {
      const r = await ctx.map("waits", [1, 2], async (child, item) => {
        await child.step("before", async () => before(item));
        await child.wait({ seconds: item });
        return child.step("after", async () => after(item));
      });
      return r.getResults();
    });
    expect(await run(client)).toEqual({ Status: "PENDING" });
    expect(before).toHaveBeenCalledTimes(2);
    expect(after).not.toHaveBeenCalled();
    client.completeWait(h("1-1-2"));
    client.completeWait(h("1-2-2"));
    const startsBefore = client.updates.filter((u) => u.Action === "START").length;
    expect(await run(client)).toEqual({ Status: "SUCCEEDED", Result: "[100,200]" });
    expect(before).toHaveBeenCalledTimes(2);
    expect(after).toHaveBeenCalledTimes(2);
    // No second START for the batch or the items.
    const restarted = client.updates
      .filter((u) => u.Action === "START")
      .slice(startsBefore)
      .map((u) => u.Id);
    expect(restarted).toEqual([h("1-1-3"), h("1-2-3")]);
  });

  it("fails with a non-determinism error when the map name changes", async () => {
    const client = new MemoryClient();
    await runner(async (ctx) => (await ctx.map("one", [1], async () => 1)).successCount)(client);
    const out = await runner(
      async (ctx) => (await ctx.map("two", [1], async () => 1)).successCount,
    )(client);
    expect(out).toMatchObject({
      Status: "FAILED",
      Error: { ErrorType: "NonDeterministicExecutionError" },
    });
  });
});

describe("map: completion (§5.4 examples)", () => {
  /** A promise the test releases by hand: orders events without sleeping. */
  function gate() {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    return { opened, open };
  }
  const turns = async (n: number) => {
    for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
  };

  it("fails fast by default: item 1 fails first, the others are STARTED", async () => {
    const client = new MemoryClient();
    let captured: BatchResult<number> | undefined;
    const others = gate(); // items 0, 2 and 3 finish only after the batch has failed
    const finished: number[] = [];
    const run = runner(async (ctx) => {
      captured = await ctx.map([0, 1, 2, 3], async (child, item) =>
        child.step(
          async () => {
            if (item === 1) throw new Error("item 1 broke");
            await others.opened;
            finished.push(item);
            return item;
          },
          { retryStrategy: () => ({ shouldRetry: false }) },
        ),
      );
      return "done";
    });
    await run(client);
    const r = captured!;
    expect(r.completionReason).toBe("FAILURE_TOLERANCE_EXCEEDED");
    expect(r.status).toBe("FAILED");
    expect(r.all.map((i) => i.status)).toEqual(["STARTED", "FAILED", "STARTED", "STARTED"]);
    expect(r.startedCount).toBe(3);
    expect(() => r.throwIfError()).toThrow(ChildContextError);
    expect(() => r.throwIfError()).toThrow("item 1 broke");
    // Late item updates are dropped: no item SUCCEED after the batch SUCCEED.
    others.open();
    await turns(20);
    expect(finished.sort()).toEqual([0, 2, 3]);
    const batchEnd = client.updates.findIndex((u) => u.Id === h("1") && u.Action === "SUCCEED");
    expect(batchEnd).toBeGreaterThan(-1);
    expect(client.updates.slice(batchEnd + 1)).toEqual([]);
  });

  it("with maxConcurrency 1 and a failing first item reports one item", async () => {
    const client = new MemoryClient();
    const run = runner(async (ctx) => {
      const r = await ctx.map(
        [1, 2, 3],
        async () => {
          throw new Error("no");
        },
        { maxConcurrency: 1 },
      );
      return [r.all.length, r.totalCount, r.completionReason];
    });
    expect(await run(client)).toEqual({
      Status: "SUCCEEDED",
      Result: '[1,1,"FAILURE_TOLERANCE_EXCEEDED"]',
    });
    expect(
      client.updates.filter((u) => u.SubType === "MapIteration" && u.Action === "START"),
    ).toHaveLength(1);
  });

  it("toleratedFailureCount 1 with one of three failing completes all, status FAILED", async () => {
    const client = new MemoryClient();
    const run = runner(async (ctx) => {
      const r = await ctx.map(
        [1, 2, 3],
        async (_c, item) => {
          if (item === 2) throw new Error("two");
          return item;
        },
        { completionConfig: { toleratedFailureCount: 1 } },
      );
      return [r.completionReason, r.status, r.hasFailure, r.successCount, r.failureCount];
    });
    expect(await run(client)).toEqual({
      Status: "SUCCEEDED",
      Result: '["ALL_COMPLETED","FAILED",true,2,1]',
    });
  });

  it("minSuccessful 2 with a slow third item: MIN_SUCCESSFUL_REACHED, slow item STARTED", async () => {
    const client = new MemoryClient();
    const slow = gate(); // opened only after the run: the third item cannot finish first
    const run = runner(async (ctx) => {
      const r = await ctx.map(
        [5, 5, 80],
        async (child, ms) =>
          child.step(async () => {
            if (ms === 80) await slow.opened;
            return ms;
          }),
        { completionConfig: { minSuccessful: 2 } },
      );
      return [r.completionReason, r.status, r.all.map((i) => i.status)];
    });
    expect(await run(client)).toEqual({
      Status: "SUCCEEDED",
      Result: JSON.stringify([
        "MIN_SUCCESSFUL_REACHED",
        "SUCCEEDED",
        ["SUCCEEDED", "SUCCEEDED", "STARTED"],
      ]),
    });
    slow.open();
  });

  it("toleratedFailurePercentage stops once failures exceed the percentage", async () => {
    const client = new MemoryClient();
    const run = runner(async (ctx) => {
      const r = await ctx.map(
        [1, 2, 3, 4],
        async (_c, item) => {
          if (item <= 2) throw new Error(`f${item}`);
          return item;
        },
        { maxConcurrency: 1, completionConfig: { toleratedFailurePercentage: 25 } },
      );
      return [r.completionReason, r.all.length];
    });
    expect(await run(client)).toEqual({
      Status: "SUCCEEDED",
      Result: '["FAILURE_TOLERANCE_EXCEEDED",2]',
    });
  });
});

describe("map: FLAT nesting", () => {
  it("sends no item START/SUCCEED; item operations hang off the batch context", async () => {
    const client = new MemoryClient();
    const work = jest.fn(async (x: number) => x + 1);
    const run = runner(async (ctx) => {
      const r = await ctx.map(
        "flat",
        [1, 2],
        async (child, item) => child.step(async () => work(item)),
        {
          nesting: NestingType.FLAT,
        },
      );
      return r.getResults();
    });
    expect(await run(client)).toEqual({ Status: "SUCCEEDED", Result: "[2,3]" });
    expect(client.updates.some((u) => u.SubType === "MapIteration")).toBe(false);
    expect(shape(client).filter((u) => u[0] === "START")).toEqual([
      ["START", "CONTEXT", "Map", h("1"), undefined, "flat"],
      ["START", "STEP", "Step", h("1-1-1"), h("1"), undefined],
      ["START", "STEP", "Step", h("1-2-1"), h("1"), undefined],
    ]);
    // Replay with the batch context re-opened: items re-run their bodies, steps replay.
    const batch = client.operations.get(h("1"))!;
    client.operations.set(h("1"), { ...batch, Status: "STARTED", ContextDetails: undefined });
    expect(await run(client)).toEqual({ Status: "SUCCEEDED", Result: "[2,3]" });
    expect(work).toHaveBeenCalledTimes(2);
  });
});

describe("map: large results", () => {
  it("stores a summary with ReplayChildren and rebuilds the result from the items on replay", async () => {
    const client = new MemoryClient();
    const work = jest.fn(async (i: number) => String(i).repeat(100_000));
    const run = runner(async (ctx) => {
      const r = await ctx.map(
        "big",
        [1, 2, 3, 4],
        async (child, item) => {
          if (item === 4) throw new StepError("four");
          return child.step(async () => work(item));
        },
        {
          completionConfig: { toleratedFailureCount: 1 },
          summaryGenerator: (res) => `custom ${res.successCount}`,
        },
      );
      return [r.completionReason, r.getResults().map((s) => s.length), r.failed()[0].error.message];
    });
    const expected = JSON.stringify(["ALL_COMPLETED", [100_000, 100_000, 100_000], "four"]);
    expect(await run(client)).toEqual({ Status: "SUCCEEDED", Result: expected });
    const end = client.updates.find((u) => u.Id === h("1") && u.Action === "SUCCEED")!;
    expect(end.ContextOptions).toEqual({ ReplayChildren: true });
    expect(JSON.parse(end.Payload!)).toEqual({
      type: "MapResult",
      totalCount: 4,
      successCount: 3,
      failureCount: 1,
      completionReason: "ALL_COMPLETED",
      status: "FAILED",
      itemStatuses: "SSSF",
      summary: "custom 3",
    });
    const requests = client.requests.length;
    expect(await run(client)).toEqual({ Status: "SUCCEEDED", Result: expected });
    expect(work).toHaveBeenCalledTimes(3);
    expect(client.requests.length).toBe(requests);
  });
});

describe("map: bad input and options", () => {
  it("rejects non-array items and a missing function with the exact messages", async () => {
    const client = new MemoryClient();
    const run = runner(async (ctx) => {
      const errors: string[] = [];
      await ctx.map("x", "nope" as never, async () => 1).catch((e: any) => errors.push(e.message));
      await ctx.map([1], undefined as never).catch((e: any) => errors.push(e.message));
      // Rejected calls take no number: this step is operation 1.
      await ctx.step("first", async () => 1);
      return errors;
    });
    expect(await run(client)).toEqual({
      Status: "SUCCEEDED",
      Result: JSON.stringify([
        'map "x": requires an array of items (got "nope")',
        "map (unnamed, position 1): requires a function to process each item (got undefined)",
      ]),
    });
    expect(client.updates[0]).toMatchObject({ Id: h("1"), Name: "first" });
  });

  const positive = "maxConcurrency must be a positive whole number, or undefined for no limit";
  it.each([
    [{ maxConcurrency: 0 }, `map (unnamed, position 1): ${positive} (got 0)`],
    [{ maxConcurrency: -2 }, `map (unnamed, position 1): ${positive} (got -2)`],
    [{ maxConcurrency: "2" }, `map (unnamed, position 1): ${positive} (got "2")`],
    [{ maxConcurrency: 1.5 }, `map (unnamed, position 1): ${positive} (got 1.5)`],
    [
      { completionConfig: { minSuccessful: -1 } },
      "map (unnamed, position 1): completionConfig.minSuccessful must be a whole number of at least 0 (got -1)",
    ],
    [
      { completionConfig: { toleratedFailureCount: "1" } },
      'map (unnamed, position 1): completionConfig.toleratedFailureCount must be a whole number of at least 0 (got "1")',
    ],
    [
      { completionConfig: { toleratedFailurePercentage: 200 } },
      "map (unnamed, position 1): completionConfig.toleratedFailurePercentage must be a number from 0 to 100 (got 200)",
    ],
    [
      { completionConfig: "all" },
      'map (unnamed, position 1): completionConfig must be an object (got "all")',
    ],
    [
      { nesting: "DEEP" },
      'map (unnamed, position 1): nesting must be one of NESTED, FLAT (got "DEEP")',
    ],
    [
      {
        completionConfig: { shouldComplete: () => ({ complete: false }), minSuccessful: 1 },
      },
      "map (unnamed, position 1): completionConfig.shouldComplete cannot be combined with minSuccessful, toleratedFailureCount or toleratedFailurePercentage; use one or the other",
    ],
  ])("fails the execution, before any item runs, for the config %p", async (config, message) => {
    const client = new MemoryClient();
    const ran: number[] = [];
    const run = runner(
      async (ctx) =>
        (await ctx.map([1], async (_c, v: number) => (ran.push(v), v), config as never))
          .successCount,
    );
    expect(await run(client)).toEqual({
      Status: "FAILED",
      Error: { ErrorType: "Error", ErrorMessage: message },
    });
    expect(ran).toEqual([]);
    expect(client.updates).toEqual([]);
  });

  it("rejects an itemNamer that is not a function or names an item as the service would refuse", async () => {
    const client = new MemoryClient();
    const ran: number[] = [];
    const run = runner(async (ctx) => {
      const errors: string[] = [];
      await ctx
        .map("orders", [1], async () => 1, { itemNamer: "x" as never })
        .catch((e: any) => errors.push(e.message));
      await ctx
        .map("orders", [1, 2], async (_c, v: number) => (ran.push(v), v), {
          itemNamer: (v: number) => (v === 2 ? "café" : `item ${v}`),
        })
        .catch((e: any) => errors.push(e.message));
      return errors;
    });
    expect(await run(client)).toEqual({
      Status: "SUCCEEDED",
      Result: JSON.stringify([
        'map "orders": itemNamer must be a function (got "x")',
        'map "orders": itemNamer gave item 1 "café": the name must be 1 to 256 printable ASCII characters (letters, digits, spaces and punctuation); shorten it or move details into the payload',
      ]),
    });
    expect(ran).toEqual([]);
    expect(client.updates).toEqual([]);
  });

  it("accepts null maxConcurrency as unlimited", async () => {
    const client = new MemoryClient();
    const run = runner(async (ctx) =>
      (await ctx.map([1, 2], async (_c, x) => x, { maxConcurrency: null as never })).getResults(),
    );
    expect(await run(client)).toEqual({ Status: "SUCCEEDED", Result: "[1,2]" });
  });

  it("uses itemSerdes for item results", async () => {
    const client = new MemoryClient();
    const run = runner(async (ctx) =>
      (
        await ctx.map([1], async () => 5, {
          itemSerdes: {
            serialize: async (v) => `n:${v}`,
            deserialize: async (d) => Number(d!.slice(2)) * 10,
          },
        })
      ).getResults(),
    );
    expect(await run(client)).toEqual({ Status: "SUCCEEDED", Result: "[50]" });
    expect(client.updates.find((u) => u.Id === h("1-1") && u.Action === "SUCCEED")!.Payload).toBe(
      "n:5",
    );
  });
});
