/**
 * Issue 9, items 1-3: the runner keeps waiting for callbacks that someone answers late, time
 * skipping never jumps past a callback or heartbeat timeout while someone may still answer,
 * and a running execution can be observed through the public API.
 */
import { withDurableExecution } from "../../src";
import { LocalDurableTestRunner } from "../../src/testing";

beforeAll(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
afterAll(() => LocalDurableTestRunner.teardownTestEnvironment());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const approval = withDurableExecution(async (_event: unknown, ctx) => {
  const [answer] = await ctx.createCallback<string>("approval");
  return { answer: await answer };
});

describe("no false 'cannot make progress' (item 1)", () => {
  test("run() keeps waiting for a callback answered after other async work", async () => {
    const runner = new LocalDurableTestRunner({
      handlerFunction: approval,
      reportWaitingAfter: false,
    });
    const op = runner.getOperation("approval");
    const pending = runner.run();
    await op.waitForData();
    await sleep(1500); // longer than the old 1 s no-progress limit
    await op.sendCallbackSuccess("late but fine");
    const result = await pending;
    expect(result.getStatus()).toBe("SUCCEEDED");
    expect(result.getResult()).toEqual({ answer: "late but fine" });
  });

  test("after a while without progress it prints once to stderr what it waits for", async () => {
    const writes: string[] = [];
    const spy = jest.spyOn(process.stderr, "write").mockImplementation((chunk: unknown) => {
      writes.push(String(chunk));
      return true;
    });
    try {
      const runner = new LocalDurableTestRunner({
        handlerFunction: approval,
        reportWaitingAfter: 100,
      });
      const op = runner.getOperation("approval");
      const pending = runner.run();
      await op.waitForData();
      await sleep(400);
      await op.sendCallbackSuccess(JSON.stringify("ok"));
      expect((await pending).getStatus()).toBe("SUCCEEDED");
    } finally {
      spy.mockRestore();
    }
    const reports = writes.filter((w) => w.includes("has made no progress"));
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
    for (let i = 0; i < 4; i++) {
      await sleep(600);
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
    await op.waitForData();
    await sleep(300); // well inside the 1 s grace
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
    // wait until the first invocation has ended (it suspends on the callback)
    let live = runner.snapshot();
    while (live.getInvocations().length === 0) live = await runner.nextChange();
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
