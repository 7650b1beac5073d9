import {
  BatchCompletionError,
  CompletionOutcome,
  completeBatch,
  continueBatch,
  type BatchResult,
  type CompletionStatus,
  type DurableContext,
} from "../../src";
import { h, MemoryClient, runner, shape } from "./batch-helpers";

/** A promise the test releases by hand: orders events without sleeping. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe("parallel", () => {
  it("names branches from {name} objects or parallel-branch-<k> and records ParallelBranch contexts", async () => {
    const client = new MemoryClient();
    const run = runner(async (ctx) => {
      const r = await ctx.parallel("fan-out", [
        { name: "left", func: async (c) => c.step(async () => "L") },
        async (c) => c.step(async () => "R"),
        { func: async () => "M" },
      ]);
      return r.getResults();
    });
    expect(await run(client)).toEqual({ Status: "SUCCEEDED", Result: '["L","R","M"]' });
    expect(shape(client).filter((u) => u[0] === "START" && u[1] === "CONTEXT")).toEqual([
      ["START", "CONTEXT", "Parallel", h("1"), undefined, "fan-out"],
      ["START", "CONTEXT", "ParallelBranch", h("1-1"), h("1"), "left"],
      ["START", "CONTEXT", "ParallelBranch", h("1-2"), h("1"), "parallel-branch-1"],
      ["START", "CONTEXT", "ParallelBranch", h("1-3"), h("1"), "parallel-branch-2"],
    ]);
  });

  it("takes a branch's name only from a { name } object with a non-empty name, never from a function's own name", async () => {
    const client = new MemoryClient();
    const run = runner(async (ctx) => {
      const r = await ctx.parallel("named", [
        { name: "", func: async () => 1 },
        async function namedFunction() {
          return 2;
        },
        { name: "b", func: async () => 3 },
      ]);
      return r.getResults();
    });
    expect(await run(client)).toEqual({ Status: "SUCCEEDED", Result: "[1,2,3]" });
    expect(client.updates.filter((u) => u.Action === "START").map((u) => u.Name)).toEqual([
      "named",
      "parallel-branch-0",
      "parallel-branch-1",
      "b",
    ]);
  });

  it.each<[string, unknown, string]>([
    ["null", null, 'parallel "p": branch 0 must be a function or { name, func } (got null)'],
    ["a number", 7, 'parallel "p": branch 0 must be a function or { name, func } (got 7)'],
    [
      "a non-string name",
      { name: 5, func: async () => 1 },
      'parallel "p": branch 0: the name must be a string (got 5)',
    ],
    ["no func", { name: "x" }, 'parallel "p": branch 0 needs a func to run (got undefined)'],
  ])("refuses a branch that is %s, naming it", async (_title, branch, message) => {
    const client = new MemoryClient();
    const run = runner(async (ctx) =>
      ctx.parallel("p", [branch] as never).catch((e: unknown) => (e as Error).message),
    );
    expect(await run(client)).toEqual({ Status: "SUCCEEDED", Result: JSON.stringify(message) });
    expect(client.updates).toEqual([]);
  });

  it("fails the execution on an invalid option before any branch starts", async () => {
    const client = new MemoryClient();
    const branch = jest.fn(async () => 1);
    const run = runner(async (ctx) => ctx.parallel("p", [branch], { maxConcurrency: 0 }));
    expect(await run(client)).toEqual({
      Status: "FAILED",
      Error: {
        ErrorType: "Error",
        ErrorMessage:
          'parallel "p": maxConcurrency must be a positive whole number, or undefined for no limit (got 0)',
      },
    });
    expect(branch).not.toHaveBeenCalled();
  });

  it("runs at most maxConcurrency branches at once, starting them in order", async () => {
    const client = new MemoryClient();
    let running = 0;
    let peak = 0;
    const order: string[] = [];
    const branch = (k: number) => async (c: DurableContext) => {
      order.push(`start ${k}`);
      running++;
      peak = Math.max(peak, running);
      const v = await c.step(async () => k);
      running--;
      order.push(`end ${k}`);
      return v;
    };
    const run = runner(async (ctx) => {
      const r = await ctx.parallel("limited", [0, 1, 2, 3, 4].map(branch), { maxConcurrency: 2 });
      return r.getResults();
    });
    expect(await run(client)).toEqual({ Status: "SUCCEEDED", Result: "[0,1,2,3,4]" });
    expect(peak).toBe(2);
    expect(order.slice(0, 2)).toEqual(["start 0", "start 1"]);
    expect(order.filter((e) => e.startsWith("start"))).toEqual(
      [0, 1, 2, 3, 4].map((k) => `start ${k}`),
    );
    // A branch only starts once another has ended.
    expect(order.indexOf("start 2")).toBeGreaterThan(order.indexOf("end 0"));
  });

  it("infers tuple-free homogeneous results with the unnamed overload", async () => {
    const client = new MemoryClient();
    const run = runner(async (ctx) => {
      const r = await ctx.parallel([async () => 1, async () => 2]);
      const sum: number = r.getResults().reduce((a, b) => a + b, 0);
      return sum;
    });
    expect(await run(client)).toEqual({ Status: "SUCCEEDED", Result: "3" });
  });

  it("minSuccessful 2 of three branches: MIN_SUCCESSFUL_REACHED and the slow branch STARTED", async () => {
    const client = new MemoryClient();
    const slow = gate(); // opened only after the run: "c" cannot finish first
    const run = runner(async (ctx) => {
      const r = await ctx.parallel(
        [
          async (c) => c.step(async () => "a"),
          async (c) => c.step(async () => "b"),
          async (c) => c.step(async () => (await slow.opened, "c")),
        ],
        { completionConfig: { minSuccessful: 2 } },
      );
      return [r.completionReason, r.status, r.startedCount, r.started().map((i) => i.index)];
    });
    expect(await run(client)).toEqual({
      Status: "SUCCEEDED",
      Result: JSON.stringify(["MIN_SUCCESSFUL_REACHED", "SUCCEEDED", 1, [2]]),
    });
    slow.open();
  });

  it("shouldComplete with completeBatch(FAILED) after the first success: CUSTOM_COMPLETION_FAILED", async () => {
    const client = new MemoryClient();
    const statuses: CompletionStatus[] = [];
    let captured: BatchResult<string> | undefined;
    const slow = gate(); // opened only after the run
    const run = runner(async (ctx) => {
      captured = await ctx.parallel(
        [
          { name: "fast", func: async (c) => c.step(async () => "fast") },
          { name: "slow", func: async (c) => c.step(async () => (await slow.opened, "slow")) },
        ],
        {
          completionConfig: {
            shouldComplete: (status) => {
              statuses.push(structuredClone(status));
              return status.successCount >= 1
                ? completeBatch(CompletionOutcome.FAILED)
                : continueBatch();
            },
          },
        },
      );
      return "ok";
    });
    await run(client);
    slow.open();
    const r = captured!;
    expect(r.completionReason).toBe("CUSTOM_COMPLETION_FAILED");
    expect(r.status).toBe("FAILED");
    expect(r.hasFailure).toBe(false);
    expect(() => r.throwIfError()).toThrow(BatchCompletionError);
    expect(() => r.throwIfError()).toThrow(
      "Batch completed as failed by shouldComplete (CUSTOM_COMPLETION_FAILED)",
    );
    // As in the reference: asked before each start, then "complete?" when "fast" settles,
    // then once more for the completion reason.
    const settled = {
      successCount: 1,
      failureCount: 0,
      completedCount: 1,
      totalCount: 2,
      items: [
        { index: 0, name: "fast", status: "SUCCEEDED" },
        { index: 1, name: "slow", status: "STARTED" },
      ],
    };
    const fresh = { successCount: 0, failureCount: 0, completedCount: 0, totalCount: 2 };
    expect(statuses).toEqual([
      {
        ...fresh,
        items: [
          { index: 0, name: "fast" },
          { index: 1, name: "slow" },
        ],
      },
      {
        ...fresh,
        items: [
          { index: 0, name: "fast", status: "STARTED" },
          { index: 1, name: "slow" },
        ],
      },
      settled,
      settled,
    ]);
  });

  it("a shouldComplete guard that completes at zero progress starts no branch (as the reference)", async () => {
    const client = new MemoryClient();
    const ran: string[] = [];
    let captured: BatchResult<string> | undefined;
    const run = runner(async (ctx) => {
      captured = await ctx.parallel(
        [async () => (ran.push("a"), "a"), async () => (ran.push("b"), "b")],
        { completionConfig: { shouldComplete: () => completeBatch(CompletionOutcome.FAILED) } },
      );
      return "ok";
    });
    expect(await run(client)).toEqual({ Status: "SUCCEEDED", Result: '"ok"' });
    expect(ran).toEqual([]);
    expect(captured!.all).toEqual([]);
    expect(captured!.totalCount).toBe(0);
    expect(captured!.completionReason).toBe("CUSTOM_COMPLETION_FAILED");
    expect(() => captured!.throwIfError()).toThrow(BatchCompletionError);
    expect(client.updates.map((u) => u.Action)).toEqual(["START", "SUCCEED"]);
  });

  it("shouldComplete returning continueBatch runs everything: ALL_COMPLETED even with failures", async () => {
    const client = new MemoryClient();
    const run = runner(async (ctx) => {
      const r = await ctx.parallel(
        [
          async () => {
            throw new Error("x");
          },
          async () => "y",
        ],
        { completionConfig: { shouldComplete: () => continueBatch() } },
      );
      return [r.completionReason, r.status, r.failureCount];
    });
    expect(await run(client)).toEqual({
      Status: "SUCCEEDED",
      Result: '["ALL_COMPLETED","FAILED",1]',
    });
  });

  it("consults shouldComplete for an empty batch", async () => {
    const client = new MemoryClient();
    const run = runner(async (ctx) => {
      const r = await ctx.parallel([], {
        completionConfig: { shouldComplete: () => completeBatch() },
      });
      return [r.completionReason, r.status];
    });
    expect(await run(client)).toEqual({
      Status: "SUCCEEDED",
      Result: '["CUSTOM_COMPLETION_SUCCEEDED","SUCCEEDED"]',
    });
  });

  it("stores a ParallelResult summary with startedCount for large results", async () => {
    const client = new MemoryClient();
    const run = runner(async (ctx) => {
      const r = await ctx.parallel("big", [
        async (c) => c.step(async () => "a".repeat(200_000)),
        async (c) => c.step(async () => "b".repeat(200_000)),
      ]);
      return r.getResults().map((s) => s.length);
    });
    expect(await run(client)).toEqual({ Status: "SUCCEEDED", Result: "[200000,200000]" });
    const end = client.updates.find((u) => u.Id === h("1") && u.Action === "SUCCEED")!;
    expect(JSON.parse(end.Payload!)).toEqual({
      type: "ParallelResult",
      totalCount: 2,
      successCount: 2,
      failureCount: 0,
      startedCount: 0,
      completionReason: "ALL_COMPLETED",
      status: "SUCCEEDED",
      itemStatuses: "SS",
    });
    expect(await run(client)).toEqual({ Status: "SUCCEEDED", Result: "[200000,200000]" });
  });

  it("rejects bad branches with the exact messages and takes no number", async () => {
    const client = new MemoryClient();
    const run = runner(async (ctx) => {
      const messages: string[] = [];
      await ctx.parallel("p", {} as never).catch((e: any) => messages.push(e.message));
      await ctx
        .parallel([async () => 1, { name: "x" } as never])
        .catch((e: any) => messages.push(e.message));
      await ctx.parallel([42 as never]).catch((e: any) => messages.push(e.message));
      await ctx.step("first", async () => 1);
      return messages;
    });
    expect(await run(client)).toEqual({
      Status: "SUCCEEDED",
      Result: JSON.stringify([
        'parallel "p": requires an array of branch functions (got an object)',
        "parallel (unnamed, position 1): branch 1 needs a func to run (got undefined)",
        "parallel (unnamed, position 1): branch 0 must be a function or { name, func } (got 42)",
      ]),
    });
    expect(client.updates[0]).toMatchObject({ Id: h("1"), Name: "first" });
  });

  it("fails the execution for an invalid maxConcurrency", async () => {
    const client = new MemoryClient();
    const run = runner(
      async (ctx) => (await ctx.parallel([async () => 1], { maxConcurrency: 0 })).successCount,
    );
    expect(await run(client)).toEqual({
      Status: "FAILED",
      Error: {
        ErrorType: "Error",
        ErrorMessage:
          "parallel (unnamed, position 1): maxConcurrency must be a positive whole number, or undefined for no limit (got 0)",
      },
    });
  });

  it("rejects a branch whose name is not a string, naming the branch, and runs no sibling", async () => {
    const client = new MemoryClient();
    const ran: string[] = [];
    const run = runner(async (ctx) =>
      ctx
        .parallel("pair", [
          { name: "left", func: async () => (ran.push("left"), "L") },
          { name: 42 as never, func: async () => (ran.push("right"), "R") },
        ])
        .then(
          () => "resolved",
          (e: any) => `${e.name}: ${e.message}`,
        ),
    );
    expect(await run(client)).toEqual({
      Status: "SUCCEEDED",
      Result: JSON.stringify(
        'TypeError: parallel "pair": branch 1: the name must be a string (got 42)',
      ),
    });
    expect(ran).toEqual([]);
    expect(client.updates).toEqual([]);
  });

  it("runs inside a child context with the child's ids", async () => {
    const client = new MemoryClient();
    const run = runner(async (ctx) =>
      ctx.runInChildContext("outer", async (child) => {
        const r = await child.parallel([async (c) => c.step(async () => 1)]);
        return r.getResults();
      }),
    );
    expect(await run(client)).toEqual({ Status: "SUCCEEDED", Result: "[1]" });
    expect(
      shape(client)
        .filter((u) => u[0] === "START")
        .map((u) => [u[3], u[4]]),
    ).toEqual([
      [h("1"), undefined],
      [h("1-1"), h("1")],
      [h("1-1-1"), h("1-1")],
      [h("1-1-1-1"), h("1-1-1")],
    ]);
  });

  it("a branch failed by an external callback failure keeps its ErrorData on the item error", async () => {
    const client = new MemoryClient();
    const run = runner(async (ctx) => {
      const r = await ctx.parallel("p", [
        async (c) => c.waitForCallback("w", async () => undefined),
      ]);
      return [r.all[0].status, r.all[0].error?.errorData];
    });
    expect(await run(client)).toEqual({ Status: "PENDING" });
    const callback = [...client.operations.values()].find((o) => o.Type === "CALLBACK")!;
    client.failCallback(callback.Id, "FAILED", {
      ErrorType: "Rejected",
      ErrorMessage: "no",
      ErrorData: '{"code":7}',
    });
    expect(await run(client)).toEqual({
      Status: "SUCCEEDED",
      Result: JSON.stringify(["FAILED", '{"code":7}']),
    });
    const stored = client.updates.find((u) => u.Id === h("1") && u.Action === "SUCCEED")!;
    expect(JSON.parse(stored.Payload!).all[0].error).toMatchObject({
      ErrorType: "ChildContextError",
      ErrorMessage: "no",
      ErrorData: '{"code":7}',
    });
  });
});
