/**
 * The cloud runner sees only the history; it must rebuild from it the same operation records
 * the embedded service keeps (what the local runner shows). Each workflow here runs locally;
 * its history is folded with OperationsFromHistory and compared, record by record, with the
 * service's own operations.
 */
import { createRetryStrategy, withDurableExecution } from "../../../src";
import { LocalDurableTestRunner, type TestResult } from "../../../src/testing";
import type { Operation } from "../../../src/types/wire";
import {
  OperationsFromHistory,
  operationTypeOfEvent,
} from "../../../src/testing/cloud/operations-from-history";

beforeAll(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
afterAll(() => LocalDurableTestRunner.teardownTestEnvironment());

let flakyCalls = 0;

const mixedWorkflow = withDurableExecution(async (_event: unknown, context) => {
  const flaky = await context.step(
    "flaky",
    async () => {
      flakyCalls++;
      if (flakyCalls < 3) throw new Error(`attempt ${flakyCalls} failed`);
      return `ok${flakyCalls}`;
    },
    { retryStrategy: createRetryStrategy({ maxAttempts: 5, initialDelay: { seconds: 2 } }) },
  );
  await context.wait("pause", { seconds: 10 });
  const nested = await context.runInChildContext("nested", async (child) => {
    const a = await child.step("inner", async () => 2);
    return a * 21;
  });
  const caught = await context
    .step(
      "doomed",
      async () => {
        throw new Error("always");
      },
      { retryStrategy: createRetryStrategy({ maxAttempts: 1 }) },
    )
    .catch((e: unknown) => `caught ${(e as Error).message}`);
  const both = await context.parallel("both", [
    async (branch) => branch.step("left", async () => "L"),
    async (branch) => branch.step("right", async () => "R"),
  ]);
  const squares = await context.map("squares", [1, 2, 3], async (item, value) =>
    item.step(`square-${value}`, async () => value * value),
  );
  return { flaky, nested, caught, both: both.getResults(), squares: squares.getResults() };
});

const callbackWorkflow = withDurableExecution(async (_event: unknown, context) => {
  const answer = await context.waitForCallback<string>("ask", async () => undefined);
  return { answer };
});

function rebuilt(result: TestResult): Map<string, Operation> {
  const fold = new OperationsFromHistory();
  const out = new Map<string, Operation>();
  for (const event of result.getHistoryEvents()) {
    const op = fold.apply(event);
    if (op && op.Type !== "EXECUTION") out.set(op.Id, op);
  }
  return out;
}

function expectSameOperations(result: TestResult): void {
  const local = result.getOperations().map((op) => op.getOperationData() as unknown as Operation);
  const fromHistory = rebuilt(result);
  expect([...fromHistory.keys()]).toEqual(local.map((op) => op.Id));
  for (const op of local) {
    const copy = structuredClone(op);
    // The history does not carry the replay hint of large child contexts.
    if (copy.ContextDetails) delete copy.ContextDetails.ReplayChildren;
    expect(fromHistory.get(op.Id)).toEqual(copy);
  }
}

test("steps with retries, waits, child contexts, parallel and map come back the same", async () => {
  flakyCalls = 0;
  const runner = new LocalDurableTestRunner({ handlerFunction: mixedWorkflow });
  const result = await runner.run();
  expect(result.getResult()).toMatchObject({ flaky: "ok3", nested: 42, caught: "caught always" });
  expectSameOperations(result);

  const flaky = rebuilt(result).get(runner.getOperation("flaky").getId() as string);
  expect(flaky?.StepDetails?.Attempt).toBe(3);
  expect(flaky?.StepDetails?.Result).toBe('"ok3"');
  expect(flaky?.StepDetails?.NextAttemptTimestamp).toBeInstanceOf(Date);
  const types = new Set([...rebuilt(result).values()].map((op) => `${op.Type}/${op.SubType}`));
  expect(types).toEqual(
    new Set([
      "STEP/Step",
      "WAIT/Wait",
      "CONTEXT/RunInChildContext",
      "CONTEXT/Parallel",
      "CONTEXT/ParallelBranch",
      "CONTEXT/Map",
      "CONTEXT/MapIteration",
    ]),
  );
});

test("a failed execution and its failed step come back the same", async () => {
  const failing = withDurableExecution(async (_event: unknown, context) => {
    await context.step(
      "boom",
      async () => {
        throw new SyntaxError("bad input");
      },
      { retryStrategy: createRetryStrategy({ maxAttempts: 1 }) },
    );
  });
  const result = await new LocalDurableTestRunner({ handlerFunction: failing }).run();
  expect(result.getStatus()).toBe("FAILED");
  expectSameOperations(result);
});

test("callbacks come back with their id and result", async () => {
  const runner = new LocalDurableTestRunner({ handlerFunction: callbackWorkflow });
  const ask = runner.getOperation("ask");
  const running = runner.run();
  await ask.waitForData();
  await ask.sendCallbackSuccess('"yes"');
  const result = await running;
  expect(result.getResult()).toEqual({ answer: '"yes"' });
  expectSameOperations(result);
  const callback = [...rebuilt(result).values()].find((op) => op.Type === "CALLBACK");
  expect(callback?.CallbackDetails).toEqual({
    CallbackId: ask.getCallbackDetails()?.callbackId,
    Result: '"yes"',
  });
});

test("event types map to operation types; invocation records belong to none", () => {
  expect(operationTypeOfEvent("ChainedInvokeTimedOut")).toBe("CHAINED_INVOKE");
  expect(operationTypeOfEvent("ExecutionStopped")).toBe("EXECUTION");
  expect(operationTypeOfEvent("CallbackStarted")).toBe("CALLBACK");
  expect(operationTypeOfEvent("WaitCancelled")).toBe("WAIT");
  expect(operationTypeOfEvent("InvocationCompleted")).toBeUndefined();
  expect(new OperationsFromHistory().apply({ EventType: "InvocationCompleted" })).toBeUndefined();
});

test("the execution itself ends with its end event", () => {
  const fold = new OperationsFromHistory();
  const start = new Date(1_000);
  const end = new Date(5_000);
  fold.apply({
    EventType: "ExecutionStarted",
    Id: "exec",
    EventTimestamp: start,
    ExecutionStartedDetails: { Input: { Payload: "{}" }, ExecutionTimeout: 300 },
  });
  const op = fold.apply({ EventType: "ExecutionTimedOut", Id: "exec", EventTimestamp: end });
  expect(op).toEqual({
    Id: "exec",
    Type: "EXECUTION",
    Status: "TIMED_OUT",
    StartTimestamp: start,
    EndTimestamp: end,
    ExecutionDetails: { InputPayload: "{}" },
  });
});
