import http from "node:http";
import https from "node:https";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { withDurableExecution } from "../../src";
import {
  formatReplayReport,
  LocalDurableTestRunner,
  toRecording,
  verifyReplay,
  WaitingOperationStatus,
  type RecordingFile,
} from "../../src/testing";
import { durable, record, sideEffects, work } from "./replay-helpers";

beforeAll(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
afterAll(() => LocalDurableTestRunner.teardownTestEnvironment());
afterEach(() => jest.restoreAllMocks());

let submitted = 0;
let checks = 0;

// The default transport (a real LambdaClient) is configured: a verify-only replay must not use it.
const everything = withDurableExecution(async (input: { n: number }, ctx) => {
  const a = await work(ctx, "a", input.n);
  const polled = await ctx.waitForCondition<number>(
    "poll",
    async (state) => {
      checks++;
      return state + 1;
    },
    {
      initialState: 0,
      waitStrategy: (state) =>
        state < 2 ? { shouldContinue: true, delay: { seconds: 1 } } : { shouldContinue: false },
    },
  );
  const approval = await ctx.waitForCallback<string>("approval", async () => {
    submitted++;
  });
  const items = await ctx.map("items", [1, 2], (item, v) => work(item, "double", v * 2));
  const inner = await ctx.runInChildContext("inner", (child) => work(child, "deep", "d"));
  return { a, polled, approval, items: items.getResults(), inner };
});

async function recordEverything(): Promise<RecordingFile> {
  const runner = new LocalDurableTestRunner({ handlerFunction: everything });
  const approval = runner.getOperation("approval");
  const running = runner.run({ payload: { n: 7 } });
  await approval.waitForData(WaitingOperationStatus.SUBMITTED);
  await approval.sendCallbackSuccess('"yes"');
  const result = await running;
  expect(result.getStatus()).toBe("SUCCEEDED");
  return JSON.parse(JSON.stringify(toRecording(result))) as RecordingFile;
}

test("a verified replay runs no step body, condition check or submitter and sends nothing", async () => {
  const recording = await recordEverything();
  sideEffects.count = submitted = checks = 0;
  const send = jest.spyOn(LambdaClient.prototype, "send");
  const httpRequest = jest.spyOn(http, "request");
  const httpsRequest = jest.spyOn(https, "request");
  const fetchSpy = jest.spyOn(globalThis, "fetch");

  const report = await verifyReplay(everything, recording, { source: "everything.json" });

  expect(report.divergence).toBeUndefined();
  expect(report).toMatchObject({
    source: "everything.json",
    verdict: "verified",
    ok: true,
    recordedStatus: "SUCCEEDED",
    outcome: {
      status: "SUCCEEDED",
      result: JSON.stringify({ a: 7, polled: 2, approval: '"yes"', items: [2, 4], inner: "d" }),
    },
  });
  expect(report.matchedOperations).toBe(report.recordedOperations);
  expect(report.recordedOperations).toBeGreaterThan(8);
  expect({ bodies: sideEffects.count, submitted, checks }).toEqual({
    bodies: 0,
    submitted: 0,
    checks: 0,
  });
  expect(send).not.toHaveBeenCalled();
  expect(httpRequest).not.toHaveBeenCalled();
  expect(httpsRequest).not.toHaveBeenCalled();
  expect(fetchSpy).not.toHaveBeenCalled();
});

describe("still-running executions", () => {
  const workflow = durable(async (_input, ctx) => {
    const a = await work(ctx, "a", 1);
    await ctx.wait("nap", { seconds: 60 });
    return { a, b: await work(ctx, "b", 2) };
  });

  /** The recording as it stood after the first invocation (cut at its InvocationCompleted). */
  async function firstInvocationOnly(): Promise<RecordingFile> {
    const full = await record(workflow);
    const end = full.Events.findIndex((e) => e.EventType === "InvocationCompleted");
    return { Events: full.Events.slice(0, end + 1) };
  }

  test("waiting on a recorded wait: still running, nothing new", async () => {
    const report = await verifyReplay(workflow, await firstInvocationOnly());
    expect(report).toMatchObject({
      verdict: "still-running",
      ok: true,
      recordedStatus: "RUNNING",
      outcome: { status: "PENDING" },
    });
    expect(report.newWork).toBeUndefined();
  });

  test("new code that would start new work is fine and says where", async () => {
    const recording = await firstInvocationOnly();
    // Drop the wait too: the recording stops right after step "a".
    const cut = { Events: recording.Events.filter((e) => e.Name !== "nap") };
    sideEffects.count = 0;
    const report = await verifyReplay(workflow, cut);
    expect(report.verdict).toBe("still-running");
    expect(report.newWork).toMatchObject({ path: 'Wait "nap" (2)', action: "start" });
    expect(sideEffects.count).toBe(0);
    expect(formatReplayReport({ ...report, source: "cut.json" })).toBe(
      [
        "✓ cut.json (RUNNING, 1 operation): still running (1 of 1 recorded operations matched)",
        '  new code would start new work at Wait "nap" (2)',
      ].join("\n"),
    );
  });

  test("a step body the new code would run is reported, not run", async () => {
    const recording = await firstInvocationOnly();
    const cut = {
      // Step "a" started and the invocation ended before it finished.
      Events: recording.Events.filter(
        (e) => e.Name !== "nap" && !(e.Name === "a" && e.EventType === "StepSucceeded"),
      ),
    };
    sideEffects.count = 0;
    const report = await verifyReplay(workflow, cut);
    expect(report.verdict).toBe("still-running");
    expect(report.newWork).toMatchObject({ path: 'Step "a" (1)', action: "run" });
    expect(sideEffects.count).toBe(0);
  });

  test("the context logger writes nothing, also where the new code runs past the recording", async () => {
    const lines: string[] = [];
    const log = (...args: unknown[]) => void lines.push(args.map(String).join(" "));
    const logger = { debug: log, info: log, warn: log, error: log };
    const logging = durable(async (_input, ctx) => {
      ctx.configureLogger({ customLogger: logger, modeAware: true });
      const a = await work(ctx, "a", 1);
      ctx.logger.info("after a");
      await ctx.wait("nap", { seconds: 60 });
      return a;
    });
    const recording = await firstInvocationOnly();
    const cut = { Events: recording.Events.filter((e) => e.Name !== "nap") };
    const report = await verifyReplay(logging, cut);
    expect(report.newWork).toMatchObject({ path: 'Wait "nap" (2)', action: "start" });
    expect(lines).toEqual([]);
  });

  test("a divergence before the frontier still fails", async () => {
    const renamed = durable(async (_input, ctx) => {
      await work(ctx, "first", 1);
      await ctx.wait("nap", { seconds: 60 });
    });
    const report = await verifyReplay(renamed, await firstInvocationOnly());
    expect(report.verdict).toBe("diverged");
    expect(report.divergence).toMatchObject({ kind: "mismatch", path: 'Step "a" (1)' });
  });
});

test.each([1, 2, 5])(
  "items a completion policy never started or abandoned are no divergence (maxConcurrency %i)",
  async (maxConcurrency) => {
    const workflow = durable(async (_input, ctx) => {
      const mapped = await ctx.map(
        "m",
        [1, 2, 3, 4, 5],
        async (item, v) => {
          await item.wait("w", { seconds: v });
          return work(item, "s", v);
        },
        { maxConcurrency, completionConfig: { minSuccessful: 2 } },
      );
      const first = await ctx.parallel(
        "p",
        [
          (branch) => work(branch, "x", 1),
          async (branch) => {
            await branch.wait("slow", { seconds: 9 });
            return 2;
          },
        ],
        { completionConfig: { minSuccessful: 1 } },
      );
      return [mapped.getResults(), first.getResults()];
    });
    const recording = await record(workflow);
    sideEffects.count = 0;
    const report = await verifyReplay(workflow, recording);
    expect(report.divergence).toBeUndefined();
    expect(report.verdict).toBe("verified");
    expect(sideEffects.count).toBe(0);
  },
);

test("instrumentation plugins of the handler are not called in a verify-only replay", async () => {
  const calls: string[] = [];
  const plugin = {
    name: "spy",
    onInvocationStart: async () => void calls.push("invocationStart"),
    onOperationStart: async () => void calls.push("operationStart"),
  };
  const handler = withDurableExecution(
    async (_input: unknown, ctx) => {
      await work(ctx, "a", 1);
      return "done";
    },
    { plugins: [plugin] },
  );
  const recording = await record(handler as ReturnType<typeof durable>);
  expect(calls.length).toBeGreaterThan(0); // the plugin works in a normal run
  calls.length = 0;
  const report = await verifyReplay(handler, recording);
  expect(report.verdict).toBe("verified");
  expect(calls).toEqual([]);
});
