/**
 * Example workflows covering every durable operation, written against the SDK's public API
 * only. `createWorkflows` takes the SDK module so the same code can run on any SDK build.
 */
import type * as Sdk from "@aws/durable-execution-sdk-js";
import type { DurableContext } from "@aws/durable-execution-sdk-js";

type Workflow = (event: any, ctx: DurableContext) => Promise<unknown>;

/** The workflows by name, wrapped with `withDurableExecution` of the given SDK. */
export function createWorkflows(sdk: typeof Sdk) {
  const noRetry = { retryStrategy: () => ({ shouldRetry: false }) };
  const logged: string[] = [];

  const workflows: Record<string, Workflow> = {
    steps: async (event, ctx) => {
      const a = await ctx.step("load", async () => ({ id: event.id, total: 40 }));
      const b = await ctx.step(async () => a.total + 2);
      return { id: a.id, b };
    },
    retries: async (_event, ctx) =>
      ctx.step(
        "flaky",
        async ({ attempt }) => {
          if (attempt < 3) throw new Error(`attempt ${attempt} failed`);
          return attempt;
        },
        { retryStrategy: (_e, n) => ({ shouldRetry: n < 5, delay: { seconds: 2 } }) },
      ),
    failure: async (_event, ctx) =>
      ctx.step(
        "doomed",
        async () => {
          throw new RangeError("out of range");
        },
        noRetry,
      ),
    waits: async (_event, ctx) => {
      await ctx.wait("short", { seconds: 5 });
      await ctx.wait({ hours: 1 });
      return ctx.step("after", async () => "woke up");
    },
    callback: async (_event, ctx) => {
      const [answer, callbackId] = await ctx.createCallback<string>("approval", {
        timeout: { hours: 1 },
      });
      await ctx.step("notify", async () => callbackId.length > 0);
      return { answer: await answer };
    },
    waitForCallback: async (_event, ctx) => {
      const answer = await ctx.waitForCallback<string>(
        "remote",
        async (callbackId) => {
          if (!callbackId) throw new Error("no id");
        },
        { timeout: { minutes: 10 }, heartbeatTimeout: { minutes: 5 } },
      );
      return { answer };
    },
    childContexts: async (_event, ctx) => {
      const inner = await ctx.runInChildContext("group", async (child) => {
        const x = await child.step("one", async () => 1);
        await child.wait({ seconds: 1 });
        const y = await child.runInChildContext("nested", async (deeper) =>
          deeper.step("two", async () => 2),
        );
        return x + y;
      });
      return { inner };
    },
    mapAndParallel: async (_event, ctx) => {
      const mapped = await ctx.map(
        "squares",
        [1, 2, 3, 4],
        async (item, value) => item.step(`square-${value}`, async () => value * value),
        { maxConcurrency: 2 },
      );
      const branches = await ctx.parallel("pair", [
        { name: "left", func: async (branch) => branch.step(async () => "L") },
        async (branch) => {
          await branch.wait({ seconds: 3 });
          return "R";
        },
      ]);
      const tolerant = await ctx.map(
        "tolerant",
        [0, 1, 2],
        async (item, value) =>
          item.step(
            "check",
            async () => {
              if (value === 1) throw new Error("one is bad");
              return value;
            },
            noRetry,
          ),
        { completionConfig: { toleratedFailureCount: 1 } },
      );
      return {
        squares: mapped.getResults(),
        branches: branches.getResults(),
        tolerant: [tolerant.successCount, tolerant.failureCount, tolerant.completionReason],
      };
    },
    invoke: async (_event, ctx) => {
      const plain = await ctx.invoke("price", "pricing", { sku: "A1" });
      const durable = await ctx.invoke("ship", "shipping", { to: "Berlin" });
      return { plain, durable };
    },
    waitForCondition: async (_event, ctx) =>
      ctx.waitForCondition("poll", async (n: number) => n + 1, {
        initialState: 0,
        waitStrategy: (n: number) =>
          n >= 3 ? { shouldContinue: false } : { shouldContinue: true, delay: { seconds: 10 } },
      }),
    combinators: async (_event, ctx) => {
      const all = await ctx.promise.all("all", [
        ctx.step("a", async () => "a"),
        ctx.step("b", async () => "b"),
      ]);
      const settled = await ctx.promise.allSettled("settled", [
        ctx.step("ok", async () => 1),
        ctx.step(
          "bad",
          async () => {
            throw new Error("nope");
          },
          noRetry,
        ),
      ]);
      const first = await ctx.promise.race("race", [
        ctx.step("fast", async () => "fast"),
        ctx.wait("slow", { minutes: 5 }).then(() => "slow"),
      ]);
      return { all, settled: settled.map((s) => s.status), first };
    },
    logger: async (_event, ctx) => {
      ctx.configureLogger({
        customLogger: {
          log: (_level: unknown, ...args: unknown[]) => void logged.push(String(args[0])),
          info: (...args: unknown[]) => void logged.push(`info ${String(args[0])}`),
          warn: (...args: unknown[]) => void logged.push(`warn ${String(args[0])}`),
          error: (...args: unknown[]) => void logged.push(`error ${String(args[0])}`),
          debug: (...args: unknown[]) => void logged.push(`debug ${String(args[0])}`),
        },
      });
      ctx.logger.info("before wait");
      await ctx.wait({ seconds: 30 });
      ctx.logger.info("after wait");
      await ctx.step("inside", async ({ logger }) => {
        logger.warn("from the step");
      });
      return "logged";
    },
  };

  const shipping = sdk.withDurableExecution(async (event: { to: string }, ctx) => {
    await ctx.wait({ minutes: 2 });
    return ctx.step("label", async () => `label for ${event.to}`);
  });
  const wrapped = Object.fromEntries(
    Object.entries(workflows).map(([name, fn]) => [name, sdk.withDurableExecution(fn)]),
  );
  return { workflows: wrapped, shipping, logged };
}
