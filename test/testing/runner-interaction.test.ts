/**
 * Issue 9, items 1-3: the runner keeps waiting for callbacks that someone answers late, time
 * skipping never jumps past a callback or heartbeat timeout while someone may still answer,
 * and a running execution can be observed through the public API.
 */
import { withDurableExecution } from "../../src";
import { LocalDurableTestRunner } from "../../src/testing";

beforeAll(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
afterAll(() => LocalDurableTestRunner.teardownTestEnvironment());

/**
 * Captures stderr; `reported` resolves at the first "no progress" report, the runner's own
 * signal that the execution has been blocked for `reportWaitingAfter` real milliseconds.
 */
function captureStderr() {
  const writes: string[] = [];
  let onReport!: () => void;
  const reported = new Promise<void>((resolve) => (onReport = resolve));
  const spy = jest.spyOn(process.stderr, "write").mockImplementation((chunk: unknown) => {
    writes.push(String(chunk));
    if (String(chunk).includes("has made no progress")) onReport();
    return true;
  });
  return {
    reported,
    reports: () => writes.filter((w) => w.includes("has made no progress")),
    restore: () => spy.mockRestore(),
  };
}

/** Resolves once the run's first invocation has ended (the execution is then blocked). */
async function firstInvocationEnded(runner: LocalDurableTestRunner<unknown>): Promise<void> {
  let live = runner.snapshot();
  while (live.getInvocations().length === 0) live = await runner.nextChange();
}

const approval = withDurableExecution(async (_event: unknown, ctx) => {
  const [answer] = await ctx.createCallback<string>("approval");
  return { answer: await answer };
});

describe("no false 'cannot make progress' (item 1)", () => {
  test("run() keeps waiting for a callback answered after other async work", async () => {
    const stderr = captureStderr();
    try {
      const runner = new LocalDurableTestRunner({
        handlerFunction: approval,
        reportWaitingAfter: 1100, // longer than the old 1 s no-progress limit
      });
      const op = runner.getOperation("approval");
      const pending = runner.run();
      await stderr.reported; // blocked for 1.1 s: past the old limit, run() still waits
      await op.sendCallbackSuccess("late but fine");
      const result = await pending;
      expect(result.getStatus()).toBe("SUCCEEDED");
      expect(result.getResult()).toEqual({ answer: "late but fine" });
    } finally {
      stderr.restore();
    }
  });

  test("after a while without progress it prints once to stderr what it waits for", async () => {
    const stderr = captureStderr();
    try {
      // The runner's reject timer (400 ms) is the signal that comes after any repeat of the
      // report (due every 100 ms if it repeated).
      const runner = new LocalDurableTestRunner({
        handlerFunction: approval,
        reportWaitingAfter: 100,
        noProgressTimeout: 400,
      });
      await expect(runner.run()).rejects.toThrow(/cannot make progress/);
    } finally {
      stderr.restore();
    }
    const reports = stderr.reports();
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatch(/"approval" callbackId=\S+/);
    expect(reports[0]).toContain('runner.getOperation("approval").sendCallbackSuccess');
  });

  test("rejecting stays available as an explicit option", async () => {
    const runner = new LocalDurableTestRunner({
      handlerFunction: approval,
      noProgressTimeout: 50,
      reportWaitingAfter: false,
    });
    await expect(runner.run()).rejects.toThrow(/cannot make progress.*"approval"/);
  });
});

describe("callback timeouts under skipTime (item 2)", () => {
  test("heartbeats every 600 ms keep a 1 s heartbeat timeout alive; then the callback completes", async () => {
    const handler = withDurableExecution(async (_event: unknown, ctx) => {
      const [answer] = await ctx.createCallback<string>("job", {
        timeout: { hours: 1 },
        heartbeatTimeout: { seconds: 1 },
      });
      await ctx.wait("after", { hours: 2 });
      return await answer;
    });
    const runner = new LocalDurableTestRunner({ handlerFunction: handler });
    const job = runner.getOperation("job");
    const pending = runner.run();
    await job.waitForData();
    // Real time is the behaviour under test: under skipTime a heartbeat timeout runs on the
    // real clock (someone outside may still answer), so only real heartbeats keep it alive.
    const realDelay = (ms: number) => new Promise((r) => setTimeout(r, ms));
    for (let i = 0; i < 4; i++) {
      await realDelay(600);
      await job.sendCallbackHeartbeat();
    }
    await job.sendCallbackSuccess("done");
    const result = await pending;
    expect(result.getStatus()).toBe("SUCCEEDED");
    expect(result.getResult()).toBe("done");
    // the two-hour wait after it was still skipped
    expect(runner.getOperation("after").getStatus()).toBe("SUCCEEDED");
  });

  test("a callback timeout is not skipped while the test is about to answer", async () => {
    const handler = withDurableExecution(async (_event: unknown, ctx) => {
      const [answer] = await ctx.createCallback<string>("quick", { timeout: { minutes: 5 } });
      return await answer;
    });
    const runner = new LocalDurableTestRunner({ handlerFunction: handler });
    const op = runner.getOperation("quick");
    const pending = runner.run();
    // Answer as soon as the execution is blocked on the callback: without the grace period,
    // time skipping would jump to the five-minute timeout at that moment.
    await firstInvocationEnded(runner);
    await op.sendCallbackSuccess("in time");
    expect((await pending).getResult()).toBe("in time");
  });
});

describe("live observation (item 3)", () => {
  test("snapshot() and nextChange() show history, invocations and operations while running", async () => {
    const handler = withDurableExecution(async (_event: unknown, ctx) => {
      await ctx.step("prepare", async () => 1);
      const [answer] = await ctx.createCallback<string>("approval");
      return { answer: await answer };
    });
    const runner = new LocalDurableTestRunner({ handlerFunction: handler });
    const op = runner.getOperation("approval");
    const pending = runner.run();
    await op.waitForData();
    await firstInvocationEnded(runner); // it suspends on the callback
    const live = runner.snapshot();
    expect(live.getStatus()).toBe("RUNNING");
    const types = live.getHistoryEvents().map((e) => e.EventType);
    expect(types).toEqual(
      expect.arrayContaining(["ExecutionStarted", "StepSucceeded", "CallbackStarted"]),
    );
    expect(types).toContain("InvocationCompleted");
    expect(live.getOperations().map((o) => o.getName())).toEqual(["prepare", "approval"]);
    expect(live.getOperations()[1].getStatus()).toBe("STARTED");

    const change = runner.nextChange();
    await op.sendCallbackSuccess(JSON.stringify("yes"));
    const next = await change;
    expect(next.getHistoryEvents().map((e) => e.EventType)).toContain("CallbackSucceeded");

    const result = await pending;
    expect(result.getStatus()).toBe("SUCCEEDED");
    expect(runner.snapshot()).toBe(result);
    await expect(runner.nextChange()).resolves.toBe(result);
  });
});
