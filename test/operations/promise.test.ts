import {
  DurableOperationError,
  DurablePromise,
  PromiseCombinatorError,
  StepError,
} from "../../src";
import { h, MemoryClient, runner, shape } from "./batch-helpers";

describe("context.promise combinators", () => {
  it("are lazy: the combinator takes its number when first awaited", async () => {
    const client = new MemoryClient();
    const run = runner(async (ctx) => {
      const a = ctx.step("a", async () => 1);
      const b = ctx.step("b", async () => "two");
      const combined = ctx.promise.all("both", [a, b]);
      expect(combined).toBeInstanceOf(DurablePromise);
      expect(combined.isExecuted).toBe(false);
      await ctx.step("c", async () => 3);
      const [x, y] = await combined;
      const typed: [number, string] = [x, y];
      return typed;
    });
    expect(await run(client)).toEqual({ Status: "SUCCEEDED", Result: '[1,"two"]' });
    expect(shape(client).filter((u) => u[0] === "START")).toEqual([
      ["START", "STEP", "Step", h("1"), undefined, "a"],
      ["START", "STEP", "Step", h("2"), undefined, "b"],
      ["START", "STEP", "Step", h("3"), undefined, "c"],
      ["START", "CONTEXT", "RunInChildContext", h("4"), undefined, "both"],
    ]);
    expect(client.updates.find((u) => u.Id === h("4") && u.Action === "SUCCEED")!.Payload).toBe(
      '[1,"two"]',
    );
  });

  it("takes any thenable, a function with a then method included, and plain values as they are", async () => {
    const client = new MemoryClient();
    const run = runner(async (ctx) => {
      const thenableFunction = Object.assign(() => "not called", {
        then: (resolve: (v: string) => void) => resolve("from then"),
      });
      const thenableObject = { then: (resolve: (v: number) => void) => resolve(2) };
      return ctx.promise.all([thenableFunction, thenableObject, "plain"] as never);
    });
    expect(await run(client)).toEqual({
      Status: "SUCCEEDED",
      Result: '["from then",2,"plain"]',
    });
  });

  it("passes null, numbers and objects without a then method through as values", async () => {
    const client = new MemoryClient();
    const run = runner(async (ctx) => ctx.promise.all([null, 7, { plain: true }] as never));
    expect(await run(client)).toEqual({
      Status: "SUCCEEDED",
      Result: '[null,7,{"plain":true}]',
    });
  });

  it("never takes a number when not awaited", async () => {
    const client = new MemoryClient();
    const run = runner(async (ctx) => {
      void ctx.promise.race([Promise.resolve(1)]);
      return ctx.step("only", async () => 1);
    });
    await run(client);
    expect(client.updates.filter((u) => u.Action === "START").map((u) => u.Id)).toEqual([h("1")]);
  });

  it("accept plain promises (seed style) and keep tuple types", async () => {
    const client = new MemoryClient();
    const run = runner(async (ctx) => {
      const num = async () => 5;
      const str = async () => "s";
      const [n, s] = await ctx.promise.all([num(), str()]);
      const checked: number = n;
      const first = await ctx.promise.race([
        new Promise<string>(() => {}), // never settles: the race is decided by str()
        str(),
      ]);
      const any = await ctx.promise.any([Promise.reject(new Error("no")), num()]);
      return [checked, s, first, any];
    });
    expect(await run(client)).toEqual({ Status: "SUCCEEDED", Result: '[5,"s","s",5]' });
  });

  it("return the checkpointed value on replay without awaiting the inputs again", async () => {
    const client = new MemoryClient();
    const work = jest.fn(async () => Math.random());
    const run = runner(async (ctx) => {
      const [v] = await ctx.promise.all([work()]);
      return v;
    });
    const first = await run(client);
    const second = await run(client);
    expect(second).toEqual(first);
  });

  it("replace the child failure by PromiseCombinatorError (fresh and after replay)", async () => {
    const client = new MemoryClient();
    const errors: unknown[] = [];
    const run = runner(async (ctx) => {
      try {
        await ctx.promise.any("none", [
          Promise.reject(new Error("a")),
          Promise.reject(new Error("b")),
        ]);
      } catch (error) {
        errors.push(error);
      }
      try {
        await ctx.promise.all([
          ctx.step(
            async () => {
              throw new Error("step broke");
            },
            { retryStrategy: () => ({ shouldRetry: false }) },
          ),
        ]);
      } catch (error) {
        errors.push(error);
      }
      return "done";
    });
    await run(client);
    await run(client);
    expect(errors).toHaveLength(4);
    for (const error of errors) expect(error).toBeInstanceOf(PromiseCombinatorError);
    const [anyFresh, allFresh, anyReplay, allReplay] = errors as PromiseCombinatorError[];
    expect(anyFresh.message).toBe("All promises were rejected");
    expect(anyReplay.message).toBe("All promises were rejected");
    // No ChildContextError in between: PromiseCombinatorError → StepError → rebuilt cause.
    for (const error of errors as PromiseCombinatorError[]) {
      expect(error.cause).toBeInstanceOf(StepError);
      expect(error.cause!.cause).not.toBeInstanceOf(DurableOperationError);
    }
    const rootName = (e: PromiseCombinatorError) => (e.cause!.cause as Error).name;
    expect([rootName(anyFresh), rootName(allReplay)]).toEqual(["AggregateError", "StepError"]);
    expect(allFresh.message).toBe("step broke");
    expect(allReplay.message).toBe("step broke");
    expect(client.updates.find((u) => u.Id === h("1") && u.Action === "FAIL")!.Error).toEqual({
      ErrorType: "AggregateError",
      ErrorMessage: "All promises were rejected",
    });
  });

  it("allSettled stores Error reasons as {message,name,stack} and rebuilds Errors", async () => {
    const client = new MemoryClient();
    const seen: PromiseSettledResult<unknown>[][] = [];
    const run = runner(async (ctx) => {
      const bad = new RangeError("out");
      bad.stack = "RangeError: out\n    at here";
      const settled = await ctx.promise.allSettled([
        Promise.resolve(1),
        Promise.reject(bad),
        Promise.reject("text"),
      ]);
      seen.push(settled);
      return settled.length;
    });
    await run(client);
    await run(client);
    const stored = JSON.parse(
      client.updates.find((u) => u.Id === h("1") && u.Action === "SUCCEED")!.Payload!,
    );
    expect(stored).toEqual([
      { status: "fulfilled", value: 1 },
      {
        status: "rejected",
        reason: { message: "out", name: "RangeError", stack: "RangeError: out\n    at here" },
      },
      { status: "rejected", reason: "text" },
    ]);
    for (const settled of seen) {
      const rejected = settled[1] as PromiseRejectedResult;
      expect(rejected.reason).toBeInstanceOf(Error);
      expect([rejected.reason.name, rejected.reason.message, rejected.reason.stack]).toEqual([
        "RangeError",
        "out",
        "RangeError: out\n    at here",
      ]);
      expect(settled[1].status).toBe("rejected");
      expect(settled[2]).toEqual({ status: "rejected", reason: "text" });
    }
  });

  it("allSettled rebuilds only reasons shaped like a stored Error; others replay as they are", async () => {
    const client = new MemoryClient();
    const seen: PromiseSettledResult<unknown>[][] = [];
    const run = runner(async (ctx) => {
      const settled = await ctx.promise.allSettled([
        Promise.reject(null),
        Promise.reject({ message: "no name" }),
        Promise.reject({ message: "m", name: "N", stack: 5 }),
        Promise.reject({ message: 5, name: "N" }),
        Promise.reject({ message: "m", name: "N" }),
      ]);
      seen.push(settled);
      return settled.length;
    });
    await run(client);
    await run(client);
    const replayed = seen[1] as PromiseRejectedResult[];
    expect(replayed.slice(0, 4)).toEqual([
      { status: "rejected", reason: null },
      { status: "rejected", reason: { message: "no name" } },
      { status: "rejected", reason: { message: "m", name: "N", stack: 5 } },
      { status: "rejected", reason: { message: 5, name: "N" } },
    ]);
    expect(replayed[3].reason).not.toBeInstanceOf(Error);
    // A plain { message, name } reads as a stored Error: it comes back as one, with a stack.
    expect(replayed[4].reason).toBeInstanceOf(Error);
    expect([replayed[4].reason.name, replayed[4].reason.message]).toEqual(["N", "m"]);
    expect(typeof replayed[4].reason.stack).toBe("string");
  });

  it("a combinator awaited inside a child context belongs to that child", async () => {
    const client = new MemoryClient();
    const run = runner(async (ctx) =>
      ctx.runInChildContext("outer", async (child) => {
        const inner = child.promise.all([child.step(async () => 1)]);
        return child.promise.all([inner, Promise.resolve(2)]);
      }),
    );
    expect(await run(client)).toEqual({ Status: "SUCCEEDED", Result: "[[1],2]" });
    expect(
      shape(client)
        .filter((u) => u[0] === "START")
        .map((u) => [u[3], u[4]]),
    ).toEqual([
      [h("1"), undefined],
      [h("1-1"), h("1")],
      [h("1-2"), h("1")],
      [h("1-3"), h("1")],
    ]);
  });

  it.each<[string, unknown]>([
    ["a number", 42],
    ["null", null],
    ["a string (iterable, but not a list of promises)", "abc"],
    ["an object that is not iterable", { length: 1 }],
  ])("rejects %s with a TypeError", async (_title, argument) => {
    const client = new MemoryClient();
    const run = runner(async (ctx) =>
      ctx.promise.all(argument as never).catch((e: any) => [e.name, e.message]),
    );
    expect(await run(client)).toEqual({
      Status: "SUCCEEDED",
      Result: '["TypeError","context.promise.all requires an array of promises"]',
    });
  });

  it("a caught combinator error returned from a child is stored without a ChildContextError link", async () => {
    const client = new MemoryClient();
    const run = runner(async (ctx) => {
      const failing = ctx.step(
        "a",
        async () => {
          throw new Error("boom");
        },
        { retryStrategy: () => ({ shouldRetry: false }) },
      );
      return ctx.runInChildContext("kid", async (child) => {
        try {
          await child.promise.all([failing]);
        } catch (error) {
          return error;
        }
      });
    });
    await run(client);
    const stored = client.updates.find((u) => u.Id === h("2") && u.Action === "SUCCEED")!;
    expect(JSON.parse(stored.Payload!)).toEqual({
      cause: {
        cause: { name: "StepError" },
        name: "StepError",
        errorType: "StepError",
      },
      name: "PromiseCombinatorError",
      errorType: "PromiseCombinatorError",
    });
  });
});
