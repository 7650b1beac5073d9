/**
 * createCallback, waitForCallback, invoke, waitForCondition and withRetry end to end on the
 * embedded service with time skipping: results, invocations and the exact history events.
 */
import {
  CallbackSubmitterError,
  InvokeError,
  JitterStrategy,
  createWaitStrategy,
  withDurableExecution,
  withRetry,
} from "../../src";
import { LocalDurableTestRunner, WaitingOperationStatus } from "../../src/testing";

beforeAll(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
afterAll(() => LocalDurableTestRunner.teardownTestEnvironment());

type HistoryResult = {
  getHistoryEvents(): Array<{ EventType?: string; Name?: string; SubType?: string }>;
};

/** `[EventType, Name]` of every operation event (not the execution's or invocations'). */
function operationEvents(result: HistoryResult): Array<[string | undefined, string | undefined]> {
  return result
    .getHistoryEvents()
    .filter((e) => !/^(Execution|Invocation)/.test(String(e.EventType)))
    .map((e) => [e.EventType, e.Name]);
}

describe("createCallback end to end", () => {
  test("the callback is answered through the handle while the execution is suspended", async () => {
    const handler = withDurableExecution(async (_e, ctx) => {
      const [promise, callbackId] = await ctx.createCallback("approval", {
        timeout: { hours: 1 },
        heartbeatTimeout: { minutes: 10 },
      });
      const answer = await promise;
      await ctx.step("record", async () => callbackId);
      return `got ${answer}`;
    });
    const runner = new LocalDurableTestRunner({ handlerFunction: handler });
    const approval = runner.getOperation("approval");
    const running = runner.run();
    await approval.waitForData(WaitingOperationStatus.STARTED);
    await approval.sendCallbackSuccess("yes");
    const result = await running;

    expect(result.getStatus()).toBe("SUCCEEDED");
    expect(result.getResult()).toBe("got yes");
    expect(operationEvents(result)).toEqual([
      ["CallbackStarted", "approval"],
      ["CallbackSucceeded", "approval"],
      ["StepStarted", "record"],
      ["StepSucceeded", "record"],
    ]);
    expect(approval.getStatus()).toBe("SUCCEEDED");
  });

  test("a heartbeat timeout rejects with CallbackTimeoutError in virtual time", async () => {
    const handler = withDurableExecution(async (_e, ctx) => {
      const [promise] = await ctx.createCallback("hb", { heartbeatTimeout: { minutes: 30 } });
      return promise.catch(
        (e: unknown) => `${(e as Error).constructor.name}: ${(e as Error).message}`,
      );
    });
    const runner = new LocalDurableTestRunner({ handlerFunction: handler });
    const result = await runner.run();
    expect(result.getResult()).toMatch(/^CallbackTimeoutError: /);
    expect(operationEvents(result)).toEqual([
      ["CallbackStarted", "hb"],
      ["CallbackTimedOut", "hb"],
    ]);
  });
});

describe("waitForCallback end to end", () => {
  test("context + unnamed callback and submitter step; the answer arrives after submission", async () => {
    const submitted: string[] = [];
    const handler = withDurableExecution(async (_e, ctx) =>
      ctx.waitForCallback(
        "review",
        async (callbackId) => {
          submitted.push(callbackId);
        },
        { timeout: { days: 1 } },
      ),
    );
    const runner = new LocalDurableTestRunner({ handlerFunction: handler });
    const review = runner.getOperation("review");
    const running = runner.run();
    await review.waitForData(WaitingOperationStatus.SUBMITTED);
    await review.sendCallbackSuccess('{"verdict":"ok"}');
    const result = await running;

    expect(result.getResult()).toBe('{"verdict":"ok"}');
    expect(submitted).toHaveLength(1);
    expect(operationEvents(result)).toEqual([
      ["ContextStarted", "review"],
      ["CallbackStarted", undefined],
      ["StepStarted", undefined],
      ["StepSucceeded", undefined],
      ["CallbackSucceeded", undefined],
      ["ContextSucceeded", "review"],
    ]);
    expect(review.getOperationData()?.ContextDetails?.Result).toBe(
      JSON.stringify('{"verdict":"ok"}'),
    );
  });

  test("a submitter that keeps failing ends as CallbackSubmitterError after its retries", async () => {
    let calls = 0;
    const handler = withDurableExecution(async (_e, ctx) =>
      ctx
        .waitForCallback(
          "notify",
          async () => {
            calls++;
            throw new Error("mail down");
          },
          { retryStrategy: (_err, n) => ({ shouldRetry: n < 2, delay: { minutes: 5 } }) },
        )
        .catch((e: unknown) => [e instanceof CallbackSubmitterError, (e as Error).message]),
    );
    const runner = new LocalDurableTestRunner({ handlerFunction: handler });
    const result = await runner.run();
    expect(result.getResult()).toEqual([true, "mail down"]);
    expect(calls).toBe(2);
    const events = operationEvents(result);
    expect(events[0]).toEqual(["ContextStarted", "notify"]);
    expect(events.at(-1)).toEqual(["ContextFailed", "notify"]);
    // One StepFailed per failed attempt: the retried one and the final one.
    expect(events.filter(([t]) => t === "StepStarted")).toHaveLength(2);
    expect(events.filter(([t]) => t === "StepFailed")).toHaveLength(2);
    expect(events.filter(([t]) => String(t).startsWith("Callback"))).toEqual([
      ["CallbackStarted", undefined],
    ]);
  });
});

describe("invoke end to end", () => {
  test("a registered durable target runs to completion and a failing plain target is an InvokeError", async () => {
    const target = withDurableExecution(async (event: { n: number }, ctx) => {
      await ctx.wait({ minutes: 1 });
      return ctx.step("triple", async () => event.n * 3);
    });
    const handler = withDurableExecution(async (_e, ctx) => {
      const tripled = await ctx.invoke<{ n: number }, number>("triple", "tripler:1", { n: 2 });
      const failure = await ctx
        .invoke("explode", "exploder", { why: "test" })
        .catch((e: unknown) => e);
      return {
        tripled,
        failed: failure instanceof InvokeError,
        message: (failure as Error).message,
      };
    });
    const runner = new LocalDurableTestRunner({ handlerFunction: handler })
      .registerDurableFunction("tripler:1", target)
      .registerFunction("exploder", async () => {
        throw new Error("kaboom");
      });
    const result = await runner.run();
    expect(result.getResult()).toEqual({ tripled: 6, failed: true, message: "kaboom" });
    expect(operationEvents(result)).toEqual([
      ["ChainedInvokeStarted", "triple"],
      ["ChainedInvokeSucceeded", "triple"],
      ["ChainedInvokeStarted", "explode"],
      ["ChainedInvokeFailed", "explode"],
    ]);
  });
});

describe("chained invoke runs as a separate, asynchronous invocation (PROTOCOL §6.4)", () => {
  const kinds = (result: HistoryResult) =>
    result
      .getHistoryEvents()
      .map((e) => e.EventType)
      .filter((type) => type !== "ExecutionStarted");

  test("a parent that just awaits ends its invocation before the target's outcome is recorded", async () => {
    const durableTarget = withDurableExecution(async (_event, ctx) => {
      await ctx.step("inside", async () => 1);
      throw new Error("target failed");
    });
    const handler = withDurableExecution(async (_e, ctx) => {
      const plain = await ctx.invoke("plain", "plain-target", { x: 1 });
      const durable = await ctx
        .invoke("durable", "durable-target", {})
        .catch((e: unknown) => (e as Error).message);
      return [plain, durable];
    });
    const runner = new LocalDurableTestRunner({ handlerFunction: handler })
      .registerFunction("plain-target", async (event: unknown) => ({ got: event }))
      .registerDurableFunction("durable-target", durableTarget);
    const result = await runner.run();
    expect(result.getResult()).toEqual([{ got: { x: 1 } }, "target failed"]);
    expect(kinds(result)).toEqual([
      "ChainedInvokeStarted",
      "InvocationCompleted",
      "ChainedInvokeSucceeded",
      "ChainedInvokeStarted",
      "InvocationCompleted",
      "ChainedInvokeFailed",
      "InvocationCompleted",
      "ExecutionSucceeded",
    ]);
  });

  test("a parent kept busy by another branch sees the target's result by polling, in one invocation", async () => {
    const handler = withDurableExecution(async (_e, ctx) => {
      const call = ctx.invoke("call", "plain-target", { x: 2 });
      // The step keeps the invocation busy until the invoke's result has arrived (by polling).
      const slow = ctx.step("slow", async () => {
        await call;
        return "slow done";
      });
      return Promise.all([call, slow]);
    });
    const runner = new LocalDurableTestRunner({ handlerFunction: handler }).registerFunction(
      "plain-target",
      async (event: unknown) => ({ got: event }),
    );
    const result = await runner.run();
    expect(result.getResult()).toEqual([{ got: { x: 2 } }, "slow done"]);
    expect(result.getInvocations()).toHaveLength(1);
    const events = kinds(result);
    expect(events.indexOf("ChainedInvokeSucceeded")).toBeLessThan(
      events.indexOf("InvocationCompleted"),
    );
  });
});

describe("waitForCondition end to end", () => {
  test("polls across invocations on the virtual clock, carrying the state", async () => {
    const seen: number[] = [];
    const handler = withDurableExecution(async (_e, ctx) =>
      ctx.waitForCondition(
        "until-3",
        async (n: number) => {
          seen.push(n);
          return n + 1;
        },
        {
          initialState: 0,
          waitStrategy: createWaitStrategy({
            shouldContinuePolling: (n: number) => n < 3,
            initialDelay: { minutes: 30 },
            jitter: JitterStrategy.NONE,
          }),
        },
      ),
    );
    const runner = new LocalDurableTestRunner({ handlerFunction: handler });
    const result = await runner.run();
    expect(result.getResult()).toBe(3);
    expect(seen).toEqual([0, 1, 2]);
    expect(result.getInvocations()).toHaveLength(3);
    const events = operationEvents(result).map(([t]) => t);
    expect(events[0]).toBe("StepStarted");
    expect(events.at(-1)).toBe("StepSucceeded");
    expect(runner.getOperation("until-3").getStepDetails()).toMatchObject({
      attempt: 3,
      result: 3,
    });
  });
});

describe("withRetry end to end", () => {
  test("a failing block is retried after a durable back-off wait", async () => {
    let tries = 0;
    const handler = withDurableExecution(async (_e, ctx) =>
      withRetry(
        ctx,
        "charge",
        async (c, attempt) =>
          c.step(
            `try-${attempt}`,
            async () => {
              tries++;
              if (attempt < 2) throw new Error("declined");
              return "charged";
            },
            { retryStrategy: () => ({ shouldRetry: false }) },
          ),
        { retryStrategy: (_e2, n) => ({ shouldRetry: n < 3, delay: { hours: 1 } }) },
      ),
    );
    const runner = new LocalDurableTestRunner({ handlerFunction: handler });
    const result = await runner.run();
    expect(result.getResult()).toBe("charged");
    expect(tries).toBe(2);
    expect(operationEvents(result)).toEqual([
      ["ContextStarted", "charge"],
      ["StepStarted", "try-1"],
      ["StepFailed", "try-1"],
      ["WaitStarted", "charge-backoff-1"],
      ["WaitSucceeded", "charge-backoff-1"],
      ["StepStarted", "try-2"],
      ["StepSucceeded", "try-2"],
      ["ContextSucceeded", "charge"],
    ]);
  });
});
