/** End-to-end: callbacks, waitForCallback, invoke and waitForCondition on the embedded service. */
import {
  createWaitStrategy,
  withDurableExecution,
  CallbackTimeoutError,
  InvokeError,
  JitterStrategy,
} from "../../src";
import { LocalDurableTestRunner, WaitingOperationStatus } from "../../src/testing";

beforeAll(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
afterAll(() => LocalDurableTestRunner.teardownTestEnvironment());

const events = (result: { getHistoryEvents(): { EventType?: string; SubType?: string }[] }) =>
  result.getHistoryEvents().map((e) => [e.EventType, e.SubType]);

describe("callbacks on the embedded service", () => {
  test("createCallback answered through the operation handle", async () => {
    const handler = withDurableExecution(async (_e, ctx) => {
      const [promise, id] = await ctx.createCallback("approval", { timeout: { hours: 1 } });
      await ctx.step("notify", async () => id.length > 0);
      return JSON.parse(await promise);
    });
    const runner = new LocalDurableTestRunner({ handlerFunction: handler });
    const approval = runner.getOperation("approval");
    const pending = runner.run();
    await approval.waitForData();
    await approval.sendCallbackSuccess(JSON.stringify({ ok: 1 }));
    const result = await pending;
    expect(result.getStatus()).toBe("SUCCEEDED");
    expect(result.getResult()).toEqual({ ok: 1 });
    expect(approval.getCallbackDetails()).toMatchObject({ result: { ok: 1 } });
    expect(events(result)).toEqual(
      expect.arrayContaining([
        ["CallbackStarted", "Callback"],
        ["CallbackSucceeded", "Callback"],
      ]),
    );
  });

  test("an unanswered callback times out in virtual time and the handler sees CallbackTimeoutError", async () => {
    const handler = withDurableExecution(async (_e, ctx) => {
      const [promise] = await ctx.createCallback("late", { timeout: { hours: 2 } });
      try {
        await promise;
        return "answered";
      } catch (error) {
        return error instanceof CallbackTimeoutError ? `timed out: ${error.message}` : "other";
      }
    });
    const runner = new LocalDurableTestRunner({ handlerFunction: handler });
    const result = await runner.run();
    expect(result.getResult()).toMatch(/^timed out: /);
    const late = runner.getOperation("late");
    expect(late.getStatus()).toBe("TIMED_OUT");
    // The two hours passed on the service's clock (skipped, not waited for: see bench/).
    const { StartTimestamp, EndTimestamp } = late.getOperationData()!;
    expect(EndTimestamp!.getTime() - StartTimestamp!.getTime()).toBe(2 * 3600 * 1000);
  });

  test("waitForCallback: SUBMITTED waits for the submitter, the result is delivered once", async () => {
    const sent: string[] = [];
    const handler = withDurableExecution(async (_e, ctx) =>
      ctx.waitForCallback("review", async (callbackId) => {
        sent.push(callbackId);
      }),
    );
    const runner = new LocalDurableTestRunner({ handlerFunction: handler });
    const review = runner.getOperation("review");
    const pending = runner.run();
    await review.waitForData(WaitingOperationStatus.SUBMITTED);
    expect(sent).toHaveLength(1);
    await review.sendCallbackSuccess("approved");
    const result = await pending;
    expect(result.getResult()).toBe("approved");
    expect(review.getContextDetails()).toMatchObject({ result: "approved" });
    expect(review.getChildOperations()!.map((c) => c.getType())).toEqual(["CALLBACK", "STEP"]);
  });
});

describe("invoke on the embedded service", () => {
  test("durable and plain targets, and a failing target as InvokeError", async () => {
    const target = withDurableExecution(async (event: { n: number }, ctx) =>
      ctx.step("double", async () => event.n * 2),
    );
    const handler = withDurableExecution(async (_e, ctx) => {
      const a = await ctx.invoke<{ n: number }, number>("durable", "doubler:1", { n: 4 });
      const b = await ctx.invoke<unknown, string>("plain", "greeter", {});
      const c = await ctx
        .invoke("broken", "broken", {})
        .catch((e) => (e instanceof InvokeError ? e.message : "?"));
      return { a, b, c };
    });
    const runner = new LocalDurableTestRunner({ handlerFunction: handler })
      .registerDurableFunction("doubler:1", target)
      .registerFunction("greeter", async () => "hello")
      .registerFunction("broken", async () => {
        throw new Error("target exploded");
      });
    const result = await runner.run();
    expect(result.getResult()).toEqual({ a: 8, b: "hello", c: "target exploded" });
    expect(runner.getOperation("durable").getChainedInvokeDetails()).toMatchObject({ result: 8 });
  });
});

describe("waitForCondition on the embedded service", () => {
  test("polls until the condition holds, skipping the delays", async () => {
    const handler = withDurableExecution(async (_e, ctx) =>
      ctx.waitForCondition("until-three", async (n: number) => n + 1, {
        initialState: 0,
        waitStrategy: createWaitStrategy({
          shouldContinuePolling: (n: number) => n < 3,
          initialDelay: { minutes: 10 },
          jitter: JitterStrategy.NONE,
        }),
      }),
    );
    const runner = new LocalDurableTestRunner({ handlerFunction: handler });
    const result = await runner.run();
    expect(result.getResult()).toBe(3);
    const details = runner.getOperation("until-three").getStepDetails();
    expect(details).toMatchObject({ attempt: 3, result: 3 });
    expect(events(result).filter(([t]) => t === "StepSucceeded")).toHaveLength(3);
  });
});
