/**
 * Issue 9, item 5: in isolation mode each invocation runs in a worker thread, so a crashing
 * handler is a failed invocation (`Runtime.ExitError`) that gets re-invoked, and a killed
 * invocation's code stops. Uses the built package (the fixtures import it): run `npm run build`.
 */
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  DurableExecutionService,
  isolatedHandler,
  LocalDurableTestRunner,
} from "../../src/testing";

const FIXTURE = join(__dirname, "fixtures", "isolation", "crashes.mjs");
const dir = mkdtempSync(join(tmpdir(), "isolation-"));
let n = 0;
const marker = () => join(dir, `marker-${++n}`);

beforeAll(() => {
  if (!existsSync(join(__dirname, "..", "..", "dist", "index.mjs")))
    throw new Error("dist/ is missing: run `npm run build` before these tests");
  return LocalDurableTestRunner.setupTestEnvironment({ skipTime: true });
});
afterAll(() => LocalDurableTestRunner.teardownTestEnvironment());

const runner = (exportName: string, params: object = {}) =>
  new LocalDurableTestRunner({
    handlerFunction: isolatedHandler({ modulePath: FIXTURE, exportName }),
    ...params,
  });

test("a step that exits the process on its first attempt succeeds on re-invocation", async () => {
  const result = await runner("exitsInStep").run({ payload: { marker: marker() } });
  expect(result.getStatus()).toBe("SUCCEEDED");
  expect(result.getResult()).toEqual({ before: "ready", value: "survived" });
  const invocations = result.getInvocations();
  expect(invocations).toHaveLength(2);
  expect(invocations[0].error).toMatchObject({
    errorType: "Runtime.ExitError",
    errorMessage: expect.stringMatching(
      /^RequestId: \S+ Error: Runtime exited with error: exit status 3$/,
    ),
  });
  expect(invocations[1].error).toBeUndefined();
  const completed = result.getHistoryEvents().filter((e) => e.EventType === "InvocationCompleted");
  expect(completed[0].InvocationCompletedDetails?.Error?.Payload?.ErrorType).toBe(
    "Runtime.ExitError",
  );
});

test("an at-most-once step interrupted by a crash gives StepInterruptedError on the next attempt", async () => {
  const r = runner("atMostOnce");
  const result = await r.run({ payload: { marker: marker() } });
  expect(result.getStatus()).toBe("SUCCEEDED");
  // user code sees the SDK's StepError; the step's recorded error is the interruption
  expect(result.getResult()).toMatchObject({ caught: "StepError" });
  expect(r.getOperation("charge").getStepDetails()?.error?.errorType).toBe("StepInterruptedError");
  expect(result.getInvocations()[0].error?.errorType).toBe("Runtime.ExitError");
});

test("a crash inside a child context", async () => {
  const result = await runner("crashInChild").run({ payload: { marker: marker() } });
  expect(result.getStatus()).toBe("SUCCEEDED");
  expect(result.getResult()).toBe(3);
  expect(result.getInvocations().map((i) => i.error?.errorType)).toEqual([
    "Runtime.ExitError",
    undefined,
  ]);
});

test("an exception thrown outside the SDK's reach ends that invocation only", async () => {
  const result = await runner("uncaught").run({ payload: { marker: marker() } });
  expect(result.getStatus()).toBe("SUCCEEDED");
  expect(result.getInvocations()[0].error).toMatchObject({
    errorType: "Runtime.ExitError",
    errorMessage: expect.stringContaining("thrown from a timer"),
  });
});

test("fault injection stops the killed invocation's running step", async () => {
  const log = join(dir, "side-effects.log");
  const result = await runner("slowSideEffect", {
    faultInjection: {
      shouldCrash: ({
        invocation,
        updates,
      }: {
        invocation: number;
        updates: { Action: string }[];
      }) => invocation === 1 && updates.some((u) => u.Action === "SUCCEED"),
    },
  }).run({ payload: { log } });
  expect(result.getStatus()).toBe("SUCCEEDED");
  // Real time is the behaviour under test: the killed worker's slow step would write after
  // its own 300 ms timer; nothing signals a write that must never happen, so outlast it.
  await new Promise((r) => setTimeout(r, 400));
  expect(readFileSync(log, "utf8")).toBe("slow\n"); // only the re-run wrote it
  expect(result.getInvocations()[0].error?.errorType).toBe("Runtime.ExitError");
});

test("the service API runs registered isolated handlers too", async () => {
  const service = new DurableExecutionService({ skipTime: true });
  try {
    service.registerDurableFunction(
      "crashy",
      isolatedHandler({ modulePath: FIXTURE, exportName: "exitsInStep" }),
    );
    const { DurableExecutionArn } = await service.startDurableExecution({
      FunctionName: "crashy",
      Payload: JSON.stringify({ marker: marker() }),
    });
    const done = await service.waitForExecution(DurableExecutionArn);
    expect(done.Status).toBe("SUCCEEDED");
  } finally {
    service.close();
  }
});
