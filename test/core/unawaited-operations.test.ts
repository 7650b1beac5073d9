import { withDurableExecution, type DurableContext } from "../../src";
import { DurableExecutionInvocationInputWithClient } from "../../src/checkpoint/invocation-input-with-client";
import { MemoryClient, lambdaContext } from "../helpers/memory-client";

// Which operations make an invocation suspend when user code does not await them. Every
// expectation below was checked side by side with the reference SDK 2.4.0: an operation that
// waits on the service (wait, callback, invoke) counts toward suspension only once its
// promise is observed; a step retry or a waitForCondition delay belongs to the running
// operation itself and suspends the invocation whether or not the caller awaits it.

type Body = (event: unknown, ctx: DurableContext) => Promise<unknown>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const failFirstAttempt = async ({ attempt }: { attempt: number }) => {
  if (attempt === 1) throw new Error("first attempt fails");
  return attempt;
};
const retryAfterOneSecond = {
  retryStrategy: () => ({ shouldRetry: true, delay: { seconds: 1 } }),
};

async function runOnce(body: Body) {
  const client = new MemoryClient();
  const output = await withDurableExecution(body)(
    new DurableExecutionInvocationInputWithClient(client.envelope(), client),
    lambdaContext(),
  );
  const operations = [...client.operations.values()]
    .filter((op) => op.Type !== "EXECUTION")
    .map((op) => `${op.Type}:${op.Name ?? ""}:${op.Status}`);
  return { output, operations };
}

describe("un-awaited operations and suspension (as the reference 2.4.0 does)", () => {
  it("an un-awaited wait does not suspend: the handler finishes and the wait stays STARTED", async () => {
    const { output, operations } = await runOnce(async (_e, ctx) => {
      void ctx.wait({ days: 1 });
      await sleep(150);
      return "result";
    });
    expect(output).toEqual({ Status: "SUCCEEDED", Result: '"result"' });
    expect(operations).toEqual(["WAIT::STARTED"]);
  });

  it("an un-awaited wait is left STARTED when an awaited wait suspends the invocation", async () => {
    const { output, operations } = await runOnce(async (_e, ctx) => {
      void ctx.wait("long", { days: 1 });
      await ctx.wait("short", { seconds: 5 });
      return "result";
    });
    expect(output).toEqual({ Status: "PENDING" });
    expect(operations).toEqual(["WAIT:long:STARTED", "WAIT:short:STARTED"]);
  });

  it("a wait awaited only later suspends once it is awaited", async () => {
    const { output } = await runOnce(async (_e, ctx) => {
      const later = ctx.wait("later", { seconds: 5 });
      await sleep(100);
      await later;
      return "result";
    });
    expect(output).toEqual({ Status: "PENDING" });
  });

  it("an un-awaited createCallback (or its result promise) does not suspend", async () => {
    const unawaitedCall = await runOnce(async (_e, ctx) => {
      void ctx.createCallback("cb");
      await sleep(150);
      return "r";
    });
    expect(unawaitedCall.output).toEqual({ Status: "SUCCEEDED", Result: '"r"' });
    const unawaitedResult = await runOnce(async (_e, ctx) => {
      const [promise] = await ctx.createCallback("cb");
      void promise;
      await sleep(150);
      return "r";
    });
    expect(unawaitedResult.output).toEqual({ Status: "SUCCEEDED", Result: '"r"' });
    expect(unawaitedResult.operations).toEqual(["CALLBACK:cb:STARTED"]);
  });

  it("an un-awaited invoke does not suspend", async () => {
    const { output, operations } = await runOnce(async (_e, ctx) => {
      void ctx.invoke("call", "target-function", { a: 1 });
      await sleep(150);
      return "r";
    });
    expect(output).toEqual({ Status: "SUCCEEDED", Result: '"r"' });
    expect(operations).toEqual(["CHAINED_INVOKE:call:STARTED"]);
  });

  it("an un-awaited waitForCallback suspends: its own child context awaits the callback", async () => {
    const { output } = await runOnce(async (_e, ctx) => {
      void ctx.waitForCallback("approval", async () => undefined);
      await sleep(150);
      return "r";
    });
    expect(output).toEqual({ Status: "PENDING" });
  });

  it("an un-awaited step waiting for its retry, or a waitForCondition delay, suspends", async () => {
    const step = await runOnce(async (_e, ctx) => {
      void ctx.step("flaky", failFirstAttempt, retryAfterOneSecond);
      await sleep(150);
      return "r";
    });
    expect(step.output).toEqual({ Status: "PENDING" });
    expect(step.operations).toEqual(["STEP:flaky:PENDING"]);
    const condition = await runOnce(async (_e, ctx) => {
      void ctx.waitForCondition("poll", async (n: number) => n + 1, {
        initialState: 0,
        waitStrategy: () => ({ shouldContinue: true, delay: { seconds: 1 } }),
      });
      await sleep(150);
      return "r";
    });
    expect(condition.output).toEqual({ Status: "PENDING" });
  });

  it("an un-awaited child context whose body awaits a wait suspends", async () => {
    const { output } = await runOnce(async (_e, ctx) => {
      void ctx.runInChildContext("child", async (child) => {
        await child.wait({ days: 1 });
      });
      await sleep(150);
      return "r";
    });
    expect(output).toEqual({ Status: "PENDING" });
  });

  it("un-awaited waits inside a child context and inside map items do not suspend", async () => {
    const inChild = await runOnce(async (_e, ctx) =>
      ctx.runInChildContext("child", async (child) => {
        void child.wait({ days: 1 });
        await sleep(150);
        return 1;
      }),
    );
    expect(inChild.output).toEqual({ Status: "SUCCEEDED", Result: "1" });
    expect(inChild.operations).toEqual(["CONTEXT:child:SUCCEEDED", "WAIT::STARTED"]);
    const inMap = await runOnce(async (_e, ctx) => {
      const batch = await ctx.map([1, 2], async (item, value) => {
        void item.wait({ days: 1 });
        await sleep(100);
        return value;
      });
      return batch.getResults();
    });
    expect(inMap.output).toEqual({ Status: "SUCCEEDED", Result: "[1,2]" });
  });
});
