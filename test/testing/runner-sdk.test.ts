/** End-to-end runner tests with real SDK handlers (steps, waits, child contexts, retries, crashes). */
import { StepSemantics, withDurableExecution } from "../../src";
import { LocalDurableTestRunner, WaitingOperationStatus } from "../../src/testing";

beforeAll(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
afterAll(() => LocalDurableTestRunner.teardownTestEnvironment());

describe("LocalDurableTestRunner with the SDK", () => {
  test("step + 5 s wait + step (checklist A.2) in a few ms of real time", async () => {
    const handler = withDurableExecution(async (event: { who: string }, ctx) => {
      const greeting = await ctx.step("greet", async () => `hi ${event.who}`);
      await ctx.wait("pause", { seconds: 5 });
      const n = await ctx.step("count", async () => 42);
      return { greeting, n };
    });
    const runner = new LocalDurableTestRunner({ handlerFunction: handler });
    const pause = runner.getOperation("pause");
    const pending = runner.run({ payload: { who: "bob" } });
    await pause.waitForData();
    expect(pause.getType()).toBe("WAIT");
    const t = Date.now();
    const result = await pending;
    expect(Date.now() - t).toBeLessThan(1000);
    expect(result.getStatus()).toBe("SUCCEEDED");
    expect(result.getResult()).toEqual({ greeting: "hi bob", n: 42 });
    expect(result.getOperations()).toHaveLength(3);
    expect(pause.getWaitDetails()).toEqual({
      waitSeconds: 5,
      scheduledEndTimestamp: expect.any(Date),
    });
    expect(runner.getOperation("greet").getStepDetails()).toMatchObject({
      attempt: 1,
      result: "hi bob",
    });
    expect(runner.getOperationByIndex(0).getId()).toBe("c4ca4238a0b92382");
    expect(result.getHistoryEvents().map((e) => [e.EventType, e.Name])).toEqual([
      ["ExecutionStarted", undefined],
      ["StepStarted", "greet"],
      ["StepSucceeded", "greet"],
      ["WaitStarted", "pause"],
      ["InvocationCompleted", undefined],
      ["WaitSucceeded", "pause"],
      ["StepStarted", "count"],
      ["StepSucceeded", "count"],
      ["InvocationCompleted", undefined],
      ["ExecutionSucceeded", undefined],
    ]);
  });

  test("retries: attempts counted like the service (1, 2 on failures, 3 on success)", async () => {
    let calls = 0;
    const handler = withDurableExecution(async (_event, ctx) =>
      ctx.step(
        "flaky",
        async () => {
          calls++;
          if (calls < 3) throw new Error(`fail ${calls}`);
          return "ok";
        },
        { retryStrategy: () => ({ shouldRetry: true, delay: { seconds: 30 } }) },
      ),
    );
    const runner = new LocalDurableTestRunner({ handlerFunction: handler });
    const result = await runner.run();
    expect(result.getResult()).toBe("ok");
    const details = runner.getOperation("flaky").getStepDetails()!;
    expect(details.attempt).toBe(3);
    expect(details.error).toBeUndefined();
    expect(details.nextAttemptTimestamp).toBeInstanceOf(Date);
    const stepEvents = result
      .getHistoryEvents()
      .filter((e) => e.EventType === "StepFailed" || e.EventType === "StepSucceeded");
    expect(
      stepEvents.map((e) => [
        e.EventType,
        (e.StepFailedDetails ?? e.StepSucceededDetails)!.RetryDetails,
      ]),
    ).toEqual([
      ["StepFailed", { CurrentAttempt: 1, NextAttemptDelaySeconds: 30 }],
      ["StepFailed", { CurrentAttempt: 2, NextAttemptDelaySeconds: 30 }],
      ["StepSucceeded", { CurrentAttempt: 3 }],
    ]);
  });

  test("a step out of retries fails the execution; the step keeps the original error type", async () => {
    const handler = withDurableExecution(async (_event, ctx) =>
      ctx.step(
        "doomed",
        async () => {
          throw new RangeError("out of range");
        },
        { retryStrategy: () => ({ shouldRetry: false }) },
      ),
    );
    const runner = new LocalDurableTestRunner({ handlerFunction: handler });
    const result = await runner.run();
    expect(result.getStatus()).toBe("FAILED");
    expect(() => result.getResult()).toThrow("out of range");
    expect(result.getError().errorMessage).toBe("out of range");
    expect(runner.getOperation("doomed").getStepDetails()?.error?.errorType).toBe("RangeError");
  });

  test("child contexts: children, first-seen order, context details", async () => {
    const handler = withDurableExecution(async (_event, ctx) => {
      const inner = await ctx.runInChildContext("outer", async (child) => {
        const a = await child.step("a", async () => 1);
        await child.wait("w", { seconds: 60 });
        const b = await child.step("b", async () => 2);
        return a + b;
      });
      return inner * 10;
    });
    const runner = new LocalDurableTestRunner({ handlerFunction: handler });
    const result = await runner.run();
    expect(result.getResult()).toBe(30);
    const outer = runner.getOperation("outer");
    expect(outer.getContextDetails()).toEqual({ result: 3, error: undefined });
    expect(outer.getChildOperations()!.map((c) => c.getName())).toEqual(["a", "w", "b"]);
    expect(runner.getOperationByIndex(1).getParentId()).toBe(outer.getId());
    expect(runner.getOperation("a").getId()).toBe("ea66c06c1e1c05fa");
    await expect(outer.waitForData(WaitingOperationStatus.COMPLETED)).resolves.toBe(outer);
  });

  test("crash after the step's START was acknowledged: the step runs again (at-least-once)", async () => {
    let bodyRuns = 0;
    let startApplied!: () => void;
    const started = new Promise<void>((resolve) => (startApplied = resolve));
    const handler = withDurableExecution(async (_event, ctx) =>
      ctx.step("charge", async () => {
        bodyRuns++;
        if (bodyRuns === 1) await started; // the START is checkpointed on its own
        return "charged";
      }),
    );
    const runner = new LocalDurableTestRunner({
      handlerFunction: handler,
      faultInjection: {
        crashAfterCheckpoint: 1,
        // only observes: the service calls it once it has applied a checkpoint
        shouldCrash: ({ updates }) => {
          if (updates.some((u) => u.Action === "START")) startApplied();
          return false;
        },
      },
    });
    const result = await runner.run();
    expect(result.getStatus()).toBe("SUCCEEDED");
    expect(result.getResult()).toBe("charged");
    expect(bodyRuns).toBe(2);
    const invocations = result.getInvocations();
    expect(invocations).toHaveLength(2);
    expect(invocations[0].error?.errorType).toBe("Runtime.ExitError");
    expect(invocations[1].error).toBeUndefined();
    expect(result.getHistoryEvents().map((e) => e.EventType)).toEqual([
      "ExecutionStarted",
      "StepStarted",
      "InvocationCompleted",
      "StepSucceeded",
      "InvocationCompleted",
      "ExecutionSucceeded",
    ]);
    expect(runner.getOperation("charge").getStepDetails()?.attempt).toBe(1);
  });

  test("crash before anything was checkpointed re-runs the whole invocation", async () => {
    let runs = 0;
    const handler = withDurableExecution(async (_event, ctx) => {
      runs++;
      return ctx.step("only", async () => "x");
    });
    const runner = new LocalDurableTestRunner({
      handlerFunction: handler,
      faultInjection: {
        shouldCrash: ({ invocation, checkpoint }) => invocation === 1 && checkpoint === 1,
      },
    });
    const result = await runner.run();
    expect(result.getResult()).toBe("x");
    expect(runs).toBe(2);
  });

  test("at-most-once step whose START was acknowledged is not re-run after a crash", async () => {
    let bodyRuns = 0;
    const handler = withDurableExecution(async (_event, ctx) =>
      ctx.step(
        "once",
        async () => {
          bodyRuns++;
          return "done";
        },
        {
          semantics: StepSemantics.AtMostOncePerRetry,
          retryStrategy: () => ({ shouldRetry: false }),
        },
      ),
    );
    const runner = new LocalDurableTestRunner({
      handlerFunction: handler,
      faultInjection: { crashAfterCheckpoint: 1 },
    });
    const result = await runner.run();
    expect(bodyRuns).toBe(0);
    expect(result.getStatus()).toBe("FAILED");
    expect(runner.getOperation("once").getStepDetails()?.error?.errorType).toBe(
      "StepInterruptedError",
    );
  });

  test("many sequential steps complete in one run", async () => {
    const handler = withDurableExecution(async (_event, ctx) => {
      let total = 0;
      for (let i = 0; i < 200; i++) total += await ctx.step(async () => i);
      return total;
    });
    const result = await new LocalDurableTestRunner({ handlerFunction: handler }).run();
    expect(result.getResult()).toBe(19900);
    expect(result.getOperations()).toHaveLength(200);
  });
});
