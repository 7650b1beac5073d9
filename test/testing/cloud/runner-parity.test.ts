/**
 * One set of tests, run unchanged with both runners: `LocalDurableTestRunner` in process and
 * `CloudDurableTestRunner` against the embedded service over HTTP through the real AWS SDK.
 * Whatever a test observes (results, errors, statuses, operations, history events,
 * callbacks answered from the test) must be the same on both.
 */
import type { Event, TestResult } from "../../../src/testing";
import { OperationStatus, WaitingOperationStatus } from "../../../src/testing";
import { cloudKind, localKind } from "./runner-harness";

/** `EventType[:Name]` of every event except the invocation records (their count may vary). */
function eventSummary(result: TestResult): string[] {
  return result
    .getHistoryEvents()
    .filter((e: Event) => e.EventType !== "InvocationCompleted")
    .map((e: Event) => (e.Name ? `${e.EventType}:${e.Name}` : `${e.EventType}`));
}

/** `[name, type, subType, status]` of every operation. */
function operationSummary(result: TestResult): unknown[] {
  return result
    .getOperations()
    .map((op) => [op.getName(), op.getType(), op.getSubType(), op.getStatus()]);
}

describe.each([localKind, cloudKind()])("with $name", (kind) => {
  beforeAll(() => kind.setup());
  afterAll(() => kind.teardown());

  test("a workflow with steps and a wait succeeds", async () => {
    const runner = kind.create("orders");
    const charge = runner.getOperation("charge"); // taken before the run starts

    const result = await runner.run({ payload: { orderId: "o-1", amount: 12 } });

    expect(result.getStatus()).toBe("SUCCEEDED");
    expect(result.getResult()).toEqual({ charged: 12, reservation: "r-o-1", status: "done" });
    expect(() => result.getError()).toThrow("Cannot get error for succeeded execution");
    expect(operationSummary(result)).toEqual([
      ["reserve", "STEP", "Step", "SUCCEEDED"],
      ["cool-off", "WAIT", "Wait", "SUCCEEDED"],
      ["charge", "STEP", "Step", "SUCCEEDED"],
    ]);
    expect(eventSummary(result)).toEqual([
      "ExecutionStarted",
      "StepStarted:reserve",
      "StepSucceeded:reserve",
      "WaitStarted:cool-off",
      "WaitSucceeded:cool-off",
      "StepStarted:charge",
      "StepSucceeded:charge",
      "ExecutionSucceeded",
    ]);

    // The handle taken before the run sees the finished step.
    expect(charge.getStepDetails()).toEqual({
      attempt: 1,
      nextAttemptTimestamp: undefined,
      result: { charged: 12, reservation: "r-o-1" },
      error: undefined,
    });
    const wait = runner.getOperationByIndex(1);
    expect(wait.getName()).toBe("cool-off");
    expect(wait.getWaitDetails()?.waitSeconds).toBe(30);
    expect(wait.getEvents()?.map((e) => e.EventType)).toEqual(["WaitStarted", "WaitSucceeded"]);
    const reserveId = runner.getOperation("reserve").getId() as string;
    expect(runner.getOperationById(reserveId).getStepDetails()?.result).toEqual({
      reservation: "r-o-1",
    });
    expect(runner.getOperationByNameAndIndex("charge", 0).getId()).toBe(charge.getId());
    expect(runner.getOperationByNameAndIndex("charge", 1).getOperationData()).toBeUndefined();

    // One invocation before the wait, one after; each recorded by the service.
    const invocations = result.getInvocations();
    expect(invocations).toHaveLength(
      result.getHistoryEvents().filter((e) => e.EventType === "InvocationCompleted").length,
    );
    expect(invocations.length).toBeGreaterThanOrEqual(2);
    for (const invocation of invocations) {
      expect(invocation.requestId).toEqual(expect.any(String));
      expect(invocation.error).toBeUndefined();
      expect(invocation.startTimestamp).toBeInstanceOf(Date);
    }
  });

  test("a waitForCallback is answered from the test with sendCallbackSuccess", async () => {
    const runner = kind.create("approvals");
    const approval = runner.getOperation("approval");

    const running = runner.run({ payload: { requestId: "q-1" } });
    expect(await approval.waitForData(WaitingOperationStatus.SUBMITTED)).toBe(approval);
    expect(approval.isWaitForCallback()).toBe(true);
    expect(approval.getCallbackDetails()?.callbackId).toEqual(expect.any(String));
    await approval.sendCallbackSuccess(JSON.stringify({ approved: true, by: "ann" }));
    const result = await running;

    expect(result.getStatus()).toBe("SUCCEEDED");
    expect(result.getResult()).toEqual({ requestId: "q-1", approved: true, by: "ann" });
    expect(operationSummary(result)).toEqual([
      ["approval", "CONTEXT", "WaitForCallback", "SUCCEEDED"],
      [undefined, "CALLBACK", "Callback", "SUCCEEDED"],
      [undefined, "STEP", "Step", "SUCCEEDED"],
      ["finish", "STEP", "Step", "SUCCEEDED"],
    ]);
    expect(approval.getChildOperations()?.map((c) => c.getType())).toEqual(["CALLBACK", "STEP"]);
    expect(approval.getCallbackDetails()?.result).toEqual({ approved: true, by: "ann" });
    expect(await approval.waitForData(WaitingOperationStatus.COMPLETED)).toBe(approval);
    expect(eventSummary(result)).toEqual([
      "ExecutionStarted",
      "ContextStarted:approval",
      "CallbackStarted",
      "StepStarted",
      "StepSucceeded",
      "CallbackSucceeded",
      "ContextSucceeded:approval",
      "StepStarted:finish",
      "StepSucceeded:finish",
      "ExecutionSucceeded",
    ]);
  });

  test("a callback gets a heartbeat, then fails from the test with sendCallbackFailure", async () => {
    const runner = kind.create("payments");
    const payment = runner.getOperation("payment");

    const running = runner.run();
    await payment.waitForData();
    expect(payment.isCallback()).toBe(true);
    expect(payment.getStatus()).toBe("STARTED");
    // The answer is empty on both (the AWS SDK adds only its transport $metadata).
    const heartbeat = (await payment.sendCallbackHeartbeat()) as Record<string, unknown>;
    expect(Object.keys(heartbeat).filter((k) => k !== "$metadata")).toEqual([]);
    await payment.sendCallbackFailure({
      ErrorType: "PaymentDeclined",
      ErrorMessage: "card declined",
    });
    const result = await running;

    expect(result.getStatus()).toBe("FAILED");
    expect(result.getError()).toEqual({
      errorMessage: "card declined",
      errorType: "CallbackExternalError",
      errorData: undefined,
      stackTrace: undefined,
    });
    expect(() => result.getResult()).toThrow("card declined");
    expect(payment.getStatus()).toBe("FAILED");
    expect(payment.getCallbackDetails()?.error).toEqual({
      errorMessage: "card declined",
      errorType: "PaymentDeclined",
      errorData: undefined,
      stackTrace: undefined,
    });
    expect(eventSummary(result)).toEqual([
      "ExecutionStarted",
      "CallbackStarted:payment",
      "CallbackFailed:payment",
      "ExecutionFailed",
    ]);
    // The callback is closed now: the service refuses another answer.
    await expect(payment.sendCallbackSuccess('"late"')).rejects.toThrow();
  });

  test("a step that fails for good fails the execution", async () => {
    const runner = kind.create("failing-step");

    const result = await runner.run({ payload: {} });

    expect(result.getStatus()).toBe("FAILED");
    expect(result.getError()).toEqual({
      errorMessage: "order id missing",
      errorType: "StepError",
      errorData: undefined,
      stackTrace: undefined,
    });
    expect(() => result.getResult()).toThrow("order id missing");
    expect(
      result.getOperations({ status: OperationStatus.FAILED }).map((op) => op.getName()),
    ).toEqual(["validate"]);
    expect(runner.getOperation("validate").getStepDetails()).toEqual({
      attempt: 1,
      nextAttemptTimestamp: undefined,
      result: undefined,
      error: {
        errorMessage: "order id missing",
        errorType: "TypeError",
        errorData: undefined,
        stackTrace: undefined,
      },
    });
    expect(eventSummary(result)).toEqual([
      "ExecutionStarted",
      "StepStarted:load",
      "StepSucceeded:load",
      "StepStarted:validate",
      "StepFailed:validate",
      "ExecutionFailed",
    ]);
  });

  test("an error thrown by the handler keeps its type", async () => {
    const result = await kind.create("throwing").run();

    expect(result.getStatus()).toBe("FAILED");
    expect(result.getError()).toMatchObject({
      errorMessage: "quantity must be positive",
      errorType: "RangeError",
    });
    expect(() => result.getResult()).toThrow("quantity must be positive");
    expect(operationSummary(result)).toEqual([["prepare", "STEP", "Step", "SUCCEEDED"]]);
  });

  test("payloads reach the handler, falsy ones included", async () => {
    const runner = kind.create("echo");
    expect((await runner.run({ payload: 0 })).getResult()).toEqual({ received: 0 });
    expect((await runner.run({ payload: "hi" })).getResult()).toEqual({ received: "hi" });
    expect((await runner.run()).getResult()).toEqual({ received: {} });
  });

  test("waitForData for an operation that never runs rejects when the run ends", async () => {
    const runner = kind.create("echo");
    const missing = runner.getOperation("no-such-step");
    const waiting = missing.waitForData();
    const result = await runner.run({ payload: "x" });

    expect(result.getStatus()).toBe("SUCCEEDED");
    await expect(waiting).rejects.toThrow(
      "Operation was not found after execution completion. Expected status: STARTED.",
    );
  });

  test("reset forgets the previous run", async () => {
    const runner = kind.create("echo");
    const before = runner.getOperation("echo");
    await runner.run({ payload: 1 });
    expect(before.getStatus()).toBe("SUCCEEDED");

    runner.reset();
    expect(runner.getOperation("echo").getOperationData()).toBeUndefined();
    const result = await runner.run({ payload: 2 });
    expect(result.getResult()).toEqual({ received: 2 });
    expect(runner.getOperation("echo").getStepDetails()?.result).toEqual({ received: 2 });
  });
});
