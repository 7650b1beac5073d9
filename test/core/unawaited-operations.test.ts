import { withDurableExecution, type DurableContext } from "../../src";
import { DurableExecutionInvocationInputWithClient } from "../../src/checkpoint/invocation-input-with-client";
import { SUSPEND_COOLDOWN_MS } from "../../src/context/suspension-tracker";
import type { DurableExecutionInvocationOutput } from "../../src/types/invocation";
import type { OperationUpdate } from "../../src/types/wire";
import { MemoryClient, carrying, lambdaContext } from "../helpers/memory-client";

// Which operations make an invocation suspend when user code does not await them. Every
// expectation below was checked side by side with the reference SDK 2.4.0: an operation that
// waits on the service (wait, callback, invoke) counts toward suspension only once its
// promise is observed; a step retry or a waitForCondition delay belongs to the running
// operation itself and suspends the invocation whether or not the caller awaits it.
//
// Ordering without sleeps: the SDK decides to suspend on a timer (a quiet period of
// SUSPEND_COOLDOWN_MS). Outside the embedded service the SDK uses the global timers, so the
// test fakes them and moves the clock itself; handlers hold on a gate the test opens, or on a
// promise that never settles when only a suspension can end the invocation.

type Body = (event: unknown, ctx: DurableContext) => Promise<unknown>;

beforeEach(() =>
  jest.useFakeTimers({
    doNotFake: ["nextTick", "queueMicrotask", "setImmediate", "clearImmediate"],
  }),
);
afterEach(() => jest.useRealTimers());

/** A promise that never settles: only a suspension can end an invocation waiting on it. */
const never = new Promise<never>(() => {});

/** A promise the test resolves. */
function gate() {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

const turns = async (n = 5) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

const failFirstAttempt = async ({ attempt }: { attempt: number }) => {
  if (attempt === 1) throw new Error("first attempt fails");
  return attempt;
};
const retryAfterOneSecond = {
  retryStrategy: () => ({ shouldRetry: true, delay: { seconds: 1 } }),
};

const started = (type: string, name?: string) =>
  carrying(
    (u: OperationUpdate) =>
      u.Action === "START" && u.Type === type && (name === undefined || u.Name === name),
  );

/** Starts one invocation of `body`; the test drives the clock and reads the outcome. */
function start(body: Body) {
  const client = new MemoryClient();
  let output: DurableExecutionInvocationOutput | undefined;
  const done = withDurableExecution(body)(
    new DurableExecutionInvocationInputWithClient(client.envelope(), client),
    lambdaContext(),
  ).then((o) => (output = o));
  return {
    client,
    /** Lets `cooldowns` suspension quiet periods pass; the SDK suspends in them if it may. */
    async quiet(cooldowns = 5) {
      for (let i = 0; i < cooldowns; i++) {
        await jest.advanceTimersByTimeAsync(SUSPEND_COOLDOWN_MS);
        await turns();
      }
      return output;
    },
    /** The invocation's output (the clock is left alone: the handler must be released). */
    async output() {
      return done;
    },
    operations() {
      return [...client.operations.values()]
        .filter((op) => op.Type !== "EXECUTION")
        .map((op) => `${op.Type}:${op.Name ?? ""}:${op.Status}`);
    },
  };
}

describe("un-awaited operations and suspension (as the reference 2.4.0 does)", () => {
  it("an un-awaited wait does not suspend: the handler finishes and the wait stays STARTED", async () => {
    const release = gate();
    const run = start(async (_e, ctx) => {
      void ctx.wait({ days: 1 });
      await release.promise;
      return "result";
    });
    await run.client.answered(started("WAIT"));
    expect(await run.quiet()).toBeUndefined();
    release.open();
    expect(await run.output()).toEqual({ Status: "SUCCEEDED", Result: '"result"' });
    expect(run.operations()).toEqual(["WAIT::STARTED"]);
  });

  it("an un-awaited wait is left STARTED when an awaited wait suspends the invocation", async () => {
    const run = start(async (_e, ctx) => {
      void ctx.wait("long", { days: 1 });
      await ctx.wait("short", { seconds: 5 });
      return "result";
    });
    expect(await run.quiet()).toEqual({ Status: "PENDING" });
    expect(run.operations()).toEqual(["WAIT:long:STARTED", "WAIT:short:STARTED"]);
  });

  it("a wait awaited only later suspends once it is awaited", async () => {
    const release = gate();
    const run = start(async (_e, ctx) => {
      const later = ctx.wait("later", { seconds: 5 });
      await release.promise;
      await later;
      return "result";
    });
    await run.client.answered(started("WAIT", "later"));
    expect(await run.quiet()).toBeUndefined();
    release.open();
    expect(await run.quiet()).toEqual({ Status: "PENDING" });
  });

  it("an un-awaited createCallback (or its result promise) does not suspend", async () => {
    const releaseCall = gate();
    const unawaitedCall = start(async (_e, ctx) => {
      void ctx.createCallback("cb");
      await releaseCall.promise;
      return "r";
    });
    await unawaitedCall.client.answered(started("CALLBACK", "cb"));
    expect(await unawaitedCall.quiet()).toBeUndefined();
    releaseCall.open();
    expect(await unawaitedCall.output()).toEqual({ Status: "SUCCEEDED", Result: '"r"' });

    const releaseResult = gate();
    const unawaitedResult = start(async (_e, ctx) => {
      const [promise] = await ctx.createCallback("cb");
      void promise;
      await releaseResult.promise;
      return "r";
    });
    await unawaitedResult.client.answered(started("CALLBACK", "cb"));
    expect(await unawaitedResult.quiet()).toBeUndefined();
    releaseResult.open();
    expect(await unawaitedResult.output()).toEqual({ Status: "SUCCEEDED", Result: '"r"' });
    expect(unawaitedResult.operations()).toEqual(["CALLBACK:cb:STARTED"]);
  });

  it("an un-awaited invoke does not suspend", async () => {
    const release = gate();
    const run = start(async (_e, ctx) => {
      void ctx.invoke("call", "target-function", { a: 1 });
      await release.promise;
      return "r";
    });
    await run.client.answered(started("CHAINED_INVOKE", "call"));
    expect(await run.quiet()).toBeUndefined();
    release.open();
    expect(await run.output()).toEqual({ Status: "SUCCEEDED", Result: '"r"' });
    expect(run.operations()).toEqual(["CHAINED_INVOKE:call:STARTED"]);
  });

  it("an un-awaited waitForCallback suspends: its own child context awaits the callback", async () => {
    const run = start(async (_e, ctx) => {
      void ctx.waitForCallback("approval", async () => undefined);
      return never;
    });
    expect(await run.quiet()).toEqual({ Status: "PENDING" });
  });

  it("an un-awaited step waiting for its retry, or a waitForCondition delay, suspends", async () => {
    const step = start(async (_e, ctx) => {
      void ctx.step("flaky", failFirstAttempt, retryAfterOneSecond);
      return never;
    });
    expect(await step.quiet()).toEqual({ Status: "PENDING" });
    expect(step.operations()).toEqual(["STEP:flaky:PENDING"]);
    const condition = start(async (_e, ctx) => {
      void ctx.waitForCondition("poll", async (n: number) => n + 1, {
        initialState: 0,
        waitStrategy: () => ({ shouldContinue: true, delay: { seconds: 1 } }),
      });
      return never;
    });
    expect(await condition.quiet()).toEqual({ Status: "PENDING" });
  });

  it("an un-awaited child context whose body awaits a wait suspends", async () => {
    const run = start(async (_e, ctx) => {
      void ctx.runInChildContext("child", async (child) => {
        await child.wait({ days: 1 });
      });
      return never;
    });
    expect(await run.quiet()).toEqual({ Status: "PENDING" });
  });

  it("un-awaited waits inside a child context and inside map items do not suspend", async () => {
    const releaseChild = gate();
    const inChild = start(async (_e, ctx) =>
      ctx.runInChildContext("child", async (child) => {
        void child.wait({ days: 1 });
        await releaseChild.promise;
        return 1;
      }),
    );
    await inChild.client.answered(started("WAIT"));
    expect(await inChild.quiet()).toBeUndefined();
    releaseChild.open();
    expect(await inChild.output()).toEqual({ Status: "SUCCEEDED", Result: "1" });
    expect(inChild.operations()).toEqual(["CONTEXT:child:SUCCEEDED", "WAIT::STARTED"]);

    const releaseItems = gate();
    const inMap = start(async (_e, ctx) => {
      const batch = await ctx.map([1, 2], async (item, value) => {
        void item.wait(`w${value}`, { days: 1 });
        await releaseItems.promise;
        return value;
      });
      return batch.getResults();
    });
    await inMap.client.answered(started("WAIT", "w1"));
    await inMap.client.answered(started("WAIT", "w2"));
    expect(await inMap.quiet()).toBeUndefined();
    releaseItems.open();
    expect(await inMap.output()).toEqual({ Status: "SUCCEEDED", Result: "[1,2]" });
  });
});
