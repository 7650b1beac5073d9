import { NestingType, StepSemantics } from "../../src";
import { h, MemoryClient, runner } from "../operations/batch-helpers";
import type { WorkedRawId } from "../helpers/ids";

const BIG = "x".repeat(300_000);
const atMostOnce = { semantics: StepSemantics.AtMostOncePerRetry };

/** The actions sent for one operation, in order. */
function actionsOf(client: MemoryClient, rawId: WorkedRawId): string[] {
  return client.updates.filter((u) => u.Id === h(rawId)).map((u) => u.Action!);
}

describe("updates of work still running when its child context finishes", () => {
  it("an un-awaited at-most-once step settling in the same tick as its >256 KiB child is never failed as interrupted", async () => {
    const client = new MemoryClient();
    const sideEffect = jest.fn();
    const run = runner(async (ctx) => {
      const value = await ctx.runInChildContext("c", async (child) => {
        void child.step(
          "u",
          async () => {
            // Settles a couple of ticks after its START is acknowledged, i.e. in the tick in
            // which the awaited step below lets the child body return.
            await Promise.resolve();
            await Promise.resolve();
            sideEffect();
            return 1;
          },
          atMostOnce,
        );
        await child.step("a", async () => 2);
        return BIG;
      });
      await ctx.wait({ seconds: 1 });
      return value.length;
    });
    expect(await run(client)).toEqual({ Status: "PENDING" });
    client.completeWait(h("2"));
    // The child is rebuilt (ReplayChildren): its body runs again. Whether the step's SUCCEED
    // made it out before the child finished is a race; either way nothing contradicts it.
    expect(await run(client)).toEqual({ Status: "SUCCEEDED", Result: "300000" });
    expect(actionsOf(client, "1")).toEqual(["START", "SUCCEED"]);
    expect(actionsOf(client, "1-1")[0]).toBe("START");
    expect(actionsOf(client, "1-1")).not.toContain("FAIL");
    expect(actionsOf(client, "1-1")).not.toContain("RETRY");
    expect(client.operations.get(h("1-1"))!.Status).not.toBe("FAILED");
    expect(sideEffect).toHaveBeenCalledTimes(1);
  });

  it("never records an outcome under a finished child for a step whose update was dropped, and still suspends", async () => {
    const client = new MemoryClient();
    const sideEffect = jest.fn();
    const run = runner(async (ctx) => {
      const value = await ctx.runInChildContext("c", async (child) => {
        await child.step("a", async () => 2);
        // Started as the body returns: its START goes out with the child's SUCCEED, but its
        // own SUCCEED comes after the child has finished and is dropped.
        void child.step(
          "u",
          async () => {
            sideEffect();
            return 1;
          },
          atMostOnce,
        );
        return BIG;
      });
      // The invocation can still suspend here (the reference SDK cannot once it has dropped
      // the step's update).
      await ctx.wait({ seconds: 1 });
      return value.length;
    });
    expect(await run(client)).toEqual({ Status: "PENDING" });
    expect(actionsOf(client, "1-2")).toEqual(["START"]);
    expect(client.operations.get(h("1"))!.Status).toBe("SUCCEEDED");
    client.completeWait(h("2"));
    expect(await run(client)).toEqual({ Status: "SUCCEEDED", Result: "300000" });
    // On the rebuild the step is found STARTED under a SUCCEEDED context: it is neither run
    // again nor failed as interrupted.
    expect(actionsOf(client, "1-2")).toEqual(["START"]);
    expect(sideEffect).toHaveBeenCalledTimes(1);
  });

  it("drops the late updates of a grandchild whose parent finished, though the grandchild itself did not", async () => {
    const client = new MemoryClient();
    const run = runner(async (ctx) => {
      const value = await ctx.runInChildContext("c", async (child) => {
        void child.runInChildContext("g", async (grandchild) =>
          grandchild.step("slow", async () => {
            await new Promise((resolve) => setTimeout(resolve, 30));
            return 1;
          }),
        );
        return "child done";
      });
      await new Promise((resolve) => setTimeout(resolve, 80));
      return value;
    });
    expect(await run(client)).toEqual({ Status: "SUCCEEDED", Result: '"child done"' });
    expect(actionsOf(client, "1")).toEqual(["START", "SUCCEED"]);
    expect(actionsOf(client, "1-1")).toEqual(["START"]);
    expect(actionsOf(client, "1-1-1")).toEqual(["START"]);
  });

  it("does not run or record anything for un-awaited work that never started before a rebuilt child finished", async () => {
    const client = new MemoryClient();
    const retried = jest.fn();
    const run = runner(async (ctx) => {
      const value = await ctx.runInChildContext("c", async (child) => {
        void child.step(
          "flaky",
          async () => {
            retried();
            throw new Error("again");
          },
          { retryStrategy: () => ({ shouldRetry: true, delay: { seconds: 5 } }) },
        );
        await child.step("a", async () => 2);
        return BIG;
      });
      await ctx.wait({ seconds: 1 });
      return value.length;
    });
    expect(await run(client)).toEqual({ Status: "PENDING" });
    const before = actionsOf(client, "1-1");
    expect(before).toEqual(["START", "RETRY"]);
    client.readyRetry(h("1-1"));
    client.completeWait(h("2"));
    expect(await run(client)).toEqual({ Status: "SUCCEEDED", Result: "300000" });
    expect(actionsOf(client, "1-1")).toEqual(before);
    expect(retried).toHaveBeenCalledTimes(1);
  });

  it("does not run un-awaited work again in a FLAT map item when the map is rebuilt", async () => {
    const client = new MemoryClient();
    const retried = jest.fn();
    const run = runner(async (ctx) => {
      const results = await ctx.map(
        "m",
        [2],
        async (item, value) => {
          void item.step(
            "flaky",
            async () => {
              retried();
              throw new Error("again");
            },
            { retryStrategy: () => ({ shouldRetry: true, delay: { seconds: 5 } }) },
          );
          await item.step("a", async () => value);
          return BIG;
        },
        { nesting: NestingType.FLAT },
      );
      await ctx.wait({ seconds: 1 });
      return results.getResults()[0].length;
    });
    expect(await run(client)).toEqual({ Status: "PENDING" });
    // FLAT: the item's operations hang off the map's context (item 1-1 is never checkpointed).
    const before = actionsOf(client, "1-1-1");
    expect(before).toEqual(["START", "RETRY"]);
    expect(actionsOf(client, "1-1")).toEqual([]);
    client.readyRetry(h("1-1-1"));
    client.completeWait(h("2"));
    // The map's result is over 256 KiB: it is rebuilt by running its items again.
    expect(await run(client)).toEqual({ Status: "SUCCEEDED", Result: "300000" });
    expect(actionsOf(client, "1-1-1")).toEqual(before);
    expect(retried).toHaveBeenCalledTimes(1);
  });

  it("a rebuilt child whose body now throws surfaces the body's own error, unwrapped", async () => {
    const client = new MemoryClient();
    let calls = 0;
    const run = runner(async (ctx) => {
      let seen: unknown;
      try {
        const value = await ctx.runInChildContext("c", async (child) => {
          await child.step("s", async () => 1);
          if (calls++ > 0) throw new TypeError("changed");
          return BIG;
        });
        seen = value.length;
      } catch (error) {
        seen = [(error as Error).constructor.name, (error as Error).message];
      }
      await ctx.wait({ seconds: 1 });
      return seen;
    });
    expect(await run(client)).toEqual({ Status: "PENDING" });
    client.completeWait(h("2"));
    expect(await run(client)).toEqual({
      Status: "SUCCEEDED",
      Result: JSON.stringify(["TypeError", "changed"]),
    });
    expect(actionsOf(client, "1")).toEqual(["START", "SUCCEED"]);
  });
});

describe("waits left behind by a finished child context", () => {
  it("an observed wait of a finished child does not suspend the invocation while the handler awaits its own work", async () => {
    const client = new MemoryClient();
    const run = runner(async (ctx) => {
      const value = await ctx.runInChildContext("c", async (child) => {
        // Observed (a `then` is attached), so it waits on the service, but the body returns
        // without it: once the child finishes, nothing can be waiting on it any more.
        void child.wait({ seconds: 60 }).then(() => undefined);
        return "child done";
      });
      // Longer than the SDK's quiet period before it suspends.
      await new Promise((resolve) => setTimeout(resolve, 100));
      return value;
    });
    expect(await run(client)).toEqual({ Status: "SUCCEEDED", Result: '"child done"' });
    expect(actionsOf(client, "1-1")).toEqual(["START"]);
  });

  it("an observed wait of a child still running suspends the invocation", async () => {
    const client = new MemoryClient();
    const run = runner(async (ctx) =>
      ctx.runInChildContext("c", async (child) => {
        void child.wait({ seconds: 60 }).then(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, 100));
        return "child done";
      }),
    );
    expect(await run(client)).toEqual({ Status: "PENDING" });
  });
});
