import {
  ExecutionStatus,
  InvocationType,
  LocalDurableTestRunner,
  OperationStatus,
  OperationType,
  WaitingOperationStatus,
} from "../../src/testing";
import { hashId, miniDurable } from "./mini-sdk";
import { decodeCallbackId } from "../../src/testing/service/protocol/identifiers";

beforeAll(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
afterAll(() => LocalDurableTestRunner.teardownTestEnvironment());

const stepWaitStep = miniDurable(async (input, ctx) => {
  const a = await ctx.step("first", () => `hello ${input.name}`);
  await ctx.wait("nap", 5);
  const b = await ctx.step("second", () => 2);
  return { a, b };
});

describe("LocalDurableTestRunner", () => {
  test("exports the enums with the reference values", () => {
    expect(ExecutionStatus.TIMED_OUT).toBe("TIMED_OUT");
    expect(InvocationType.DryRun).toBe("DryRun");
    expect(OperationStatus.READY).toBe("READY");
    expect(OperationType.CHAINED_INVOKE).toBe("CHAINED_INVOKE");
    expect(WaitingOperationStatus.SUBMITTED).toBe("SUBMITTED");
  });

  test("step + wait + step: result, operations, details, history", async () => {
    const runner = new LocalDurableTestRunner({ handlerFunction: stepWaitStep });
    const early = runner.getOperation("nap");
    const result = await runner.run({ payload: { name: "ann" } });
    expect(result.getStatus()).toBe("SUCCEEDED");
    expect(result.getResult()).toEqual({ a: "hello ann", b: 2 });
    expect(result.getOperations()).toHaveLength(3);
    expect(() => result.getError()).toThrow("Cannot get error for succeeded execution");

    const wait = runner.getOperation("nap");
    const details = wait.getWaitDetails()!;
    expect(details.waitSeconds).toBe(5);
    expect(details.scheduledEndTimestamp!.getTime() - wait.getStartTimestamp()!.getTime()).toBe(
      5000,
    );
    expect(wait.getEndTimestamp()).toEqual(details.scheduledEndTimestamp);
    expect(early.getStatus()).toBe("SUCCEEDED");
    expect(early.getId()).toBe(hashId("2"));

    const first = runner.getOperationByIndex(0);
    expect(first.getName()).toBe("first");
    expect(first.getStepDetails()).toEqual({
      attempt: 1,
      nextAttemptTimestamp: undefined,
      result: "hello ann",
      error: undefined,
    });
    expect(runner.getOperationByIndex(-1).getName()).toBe("second");
    expect(runner.getOperationById(hashId("3")).getName()).toBe("second");
    expect(runner.getOperationByNameAndIndex("first", 0).getType()).toBe("STEP");
    expect(runner.getOperation("missing").getStatus()).toBeUndefined();
    expect(() => first.getWaitDetails()).toThrow("Operation type STEP is not WAIT");
    expect(() => first.getContextDetails()).toThrow("Operation type STEP is not CONTEXT");
    expect(() => first.getChainedInvokeDetails()).toThrow("Operation type STEP is not INVOKE");
    expect(() => first.getCallbackDetails()).toThrow(
      "Operation with Type STEP and SubType Step is not a valid callback",
    );

    const events = result.getHistoryEvents();
    expect(events.map((e) => e.EventType)).toEqual([
      "ExecutionStarted",
      "StepStarted",
      "StepSucceeded",
      "WaitStarted",
      "InvocationCompleted",
      "WaitSucceeded",
      "StepStarted",
      "StepSucceeded",
      "InvocationCompleted",
      "ExecutionSucceeded",
    ]);
    expect(events.map((e) => e.EventId)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const invocations = result.getInvocations();
    expect(invocations).toHaveLength(2);
    expect(invocations[0].requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(invocations[0].error).toBeUndefined();
    expect(wait.getEvents()!.map((e) => e.EventType)).toEqual(["WaitStarted", "WaitSucceeded"]);
  });

  test("handlers see a real-looking execution ARN and a Lambda context", async () => {
    let seen: any;
    const runner = new LocalDurableTestRunner({
      handlerFunction: async (event: any, context: any) => {
        seen = {
          arn: event.DurableExecutionArn,
          requestId: context.awsRequestId,
          remaining: context.getRemainingTimeInMillis(),
        };
        return { Status: "SUCCEEDED" } as any;
      },
    });
    const result = await runner.run();
    expect(seen.arn).toMatch(
      /^arn:aws:lambda:us-east-1:123456789012:function:my-function-name:\$LATEST\/durable-execution\/[\w-]+\/[\w-]+$/,
    );
    expect(seen.remaining).toBe(900000);
    expect(result.getInvocations()[0].requestId).toBe(seen.requestId);
    expect(result.getResult()).toBeUndefined();
  });

  test("payload round-trips; absent payload is {}", async () => {
    const echo = miniDurable(async (input) => input);
    const runner = new LocalDurableTestRunner({ handlerFunction: echo });
    expect((await runner.run()).getResult()).toEqual({});
    for (const value of [null, 0, "", "s", [1, 2], { a: { b: 1 } }]) {
      expect((await runner.run({ payload: value })).getResult()).toEqual(value);
    }
  });

  test("failed execution: getResult throws, getError describes it", async () => {
    const runner = new LocalDurableTestRunner({
      handlerFunction: miniDurable(async (_input, ctx) => {
        await ctx.step("explode", () => {
          throw new TypeError("kaboom ");
        });
      }),
    });
    const result = await runner.run();
    expect(result.getStatus()).toBe("FAILED");
    expect(() => result.getResult()).toThrow("kaboom");
    expect(result.getError()).toEqual({
      errorMessage: "kaboom ",
      errorType: "StepError",
      errorData: undefined,
      stackTrace: undefined,
    });
    expect(runner.getOperation("explode").getStepDetails()?.error?.errorType).toBe("TypeError");
    expect(result.getOperations({ status: "FAILED" })).toHaveLength(1);
    expect(result.getOperations({ status: "SUCCEEDED" })).toHaveLength(0);
  });

  test("results are immutable snapshots; reset detaches old handles", async () => {
    const runner = new LocalDurableTestRunner({ handlerFunction: stepWaitStep });
    const r1 = await runner.run({ payload: { name: "one" } });
    const h1 = runner.getOperation("first");
    const r2 = await runner.run({ payload: { name: "two" } });
    expect(r1.getHistoryEvents()).toHaveLength(10);
    expect(r2.getHistoryEvents()).toHaveLength(10);
    expect(r1.getOperations()[0].getStepDetails()?.result).toBe("hello one");
    expect(r2.getOperations()[0].getStepDetails()?.result).toBe("hello two");
    expect(h1.getStepDetails()?.result).toBe("hello two"); // live handle follows the runner
    runner.reset();
    expect(h1.getStepDetails()?.result).toBe("hello two");
    expect(runner.getOperation("first").getStatus()).toBeUndefined();
    // mutating returned data does not change the result
    r1.getOperations()[0].getOperationData()!.Status = "FAILED";
    r1.getHistoryEvents()[0].EventType = "StepStarted";
    expect(r1.getOperations()[0].getStatus()).toBe("SUCCEEDED");
    expect(r1.getHistoryEvents()[0].EventType).toBe("ExecutionStarted");
  });

  test("callback: waitForData while running, then sendCallbackSuccess", async () => {
    const runner = new LocalDurableTestRunner({
      handlerFunction: miniDurable(async (_input, ctx) => {
        const answer = await ctx.callback("approval");
        return { answer: JSON.parse(answer as string) };
      }),
    });
    const approval = runner.getOperation("approval");
    const pending = runner.run();
    expect(await approval.waitForData()).toBe(approval);
    expect(approval.isCallback()).toBe(true);
    // the service's callback id names the execution's callback operation
    expect(decodeCallbackId(approval.getCallbackDetails()?.callbackId)?.operationId).toBe(
      approval.getId(),
    );
    await approval.sendCallbackSuccess(JSON.stringify({ ok: true }));
    const result = await pending;
    expect(result.getResult()).toEqual({ answer: { ok: true } });
    expect(approval.getCallbackDetails()).toEqual({
      callbackId: expect.any(String),
      error: undefined,
      result: { ok: true },
    });
    await expect(approval.sendCallbackSuccess("again")).rejects.toMatchObject({
      name: "CallbackTimeoutException",
    });
    await expect(approval.waitForData(WaitingOperationStatus.COMPLETED)).resolves.toBe(approval);
  });

  test("callback failure fails the execution", async () => {
    const runner = new LocalDurableTestRunner({
      handlerFunction: miniDurable(async (_input, ctx) => ctx.callback("approval")),
    });
    const approval = runner.getOperation("approval");
    const pending = runner.run();
    await approval.waitForData();
    await approval.sendCallbackFailure({ ErrorType: "Denied", ErrorMessage: "nope" });
    const result = await pending;
    expect(result.getStatus()).toBe("FAILED");
    expect(result.getError().errorMessage).toBe("nope");
    expect(approval.getCallbackDetails()?.error).toEqual({
      errorType: "Denied",
      errorMessage: "nope",
      errorData: undefined,
      stackTrace: undefined,
    });
  });

  test("an unanswered callback timeout is skipped on the virtual clock after the grace", async () => {
    const runner = new LocalDurableTestRunner({
      handlerFunction: miniDurable(async (_input, ctx) => ctx.callback("slow", { timeout: 3600 })),
    });
    const result = await runner.run();
    expect(result.getStatus()).toBe("FAILED");
    expect(result.getError()).toMatchObject({
      errorType: "CallbackTimeoutError",
      errorMessage: "Callback timed out",
    });
    expect(runner.getOperation("slow").getStatus()).toBe("TIMED_OUT");
  });

  test("waitForData: rejects at the end of the run for operations that never happen, and at once when idle", async () => {
    const runner = new LocalDurableTestRunner({ handlerFunction: stepWaitStep });
    const ghost = runner.getOperation("ghost");
    const waiting = ghost.waitForData(WaitingOperationStatus.COMPLETED);
    const result = await runner.run({ payload: { name: "x" } });
    expect(result.getStatus()).toBe("SUCCEEDED");
    await expect(waiting).rejects.toThrow(
      "Operation was not found after execution completion. Expected status: COMPLETED. This typically means the operation was never executed or the test is waiting for the wrong operation.",
    );
    await expect(ghost.waitForData()).rejects.toThrow(
      "Operation was not found after execution completion",
    );
    const first = runner.getOperation("first");
    await expect(first.waitForData(WaitingOperationStatus.COMPLETED)).resolves.toBe(first);
  });

  test("an unanswered callback without timeout rejects run() with a clear message", async () => {
    const runner = new LocalDurableTestRunner({
      handlerFunction: miniDurable(async (_input, ctx) => ctx.callback("forgotten")),
      noProgressTimeout: 50,
    });
    await expect(runner.run()).rejects.toThrow(
      /cannot make progress: it is waiting for callback\(s\) "forgotten"/,
    );
  });

  test("chained invokes: registered targets (chainable), undefined results, unknown targets", async () => {
    const runner = new LocalDurableTestRunner({
      handlerFunction: miniDurable(async (_input, ctx) => {
        const a = await ctx.invoke("plain", "adder", { x: 1 });
        const b = await ctx.invoke("durable", "child", { y: 2 });
        const c = await ctx.invoke("void", "nothing");
        return { a, b, c };
      }),
    });
    expect(
      runner
        .registerFunction("adder", async (e: any) => e.x + 10)
        .registerDurableFunction(
          "child",
          miniDurable(async (input, ctx) => ctx.step("s", () => input.y * 3)),
        )
        .registerFunction("nothing", () => undefined),
    ).toBe(runner);
    const result = await runner.run();
    expect(result.getResult()).toEqual({ a: 11, b: 6 });
    expect(runner.getOperation("plain").getChainedInvokeDetails()).toEqual({
      result: 11,
      error: undefined,
    });
    expect(runner.getOperation("void").getStatus()).toBe("SUCCEEDED");
    expect(runner.getOperation("void").getEndTimestamp()).toBeInstanceOf(Date);

    const lost = new LocalDurableTestRunner({
      handlerFunction: miniDurable(async (_input, ctx) => ctx.invoke("x", "ghost")),
    });
    await expect(lost.run()).rejects.toThrow(
      'No function found for function name ghost.\nPlease configure the function handler for "ghost" with LocalDurableTestRunner.registerFunctions.',
    );
  });

  test("a handler that does not return a durable output rejects run()", async () => {
    const runner = new LocalDurableTestRunner({
      handlerFunction: (async () => "plain string") as any,
    });
    await expect(runner.run()).rejects.toThrow(/did not return a durable invocation output/);
  });

  test("print() renders the operation table", async () => {
    const runner = new LocalDurableTestRunner({ handlerFunction: stepWaitStep });
    const result = await runner.run({ payload: { name: "p" } });
    const table = jest.spyOn(console, "table").mockImplementation(() => {});
    const log = jest.spyOn(console, "log").mockImplementation(() => {});
    try {
      result.print({ startTime: false, endTime: false });
      const rows = table.mock.calls[0][0] as Record<string, string>[];
      expect(rows).toEqual([
        {
          parentId: "-",
          name: "first",
          type: "STEP",
          subType: "Step",
          status: "SUCCEEDED",
          duration: expect.stringMatching(/^\d+ms$/),
        },
        {
          parentId: "-",
          name: "nap",
          type: "WAIT",
          subType: "Wait",
          status: "SUCCEEDED",
          duration: "5000ms",
        },
        {
          parentId: "-",
          name: "second",
          type: "STEP",
          subType: "Step",
          status: "SUCCEEDED",
          duration: expect.stringMatching(/^\d+ms$/),
        },
      ]);
      const empty = await new LocalDurableTestRunner({
        handlerFunction: miniDurable(async () => 1),
      }).run();
      empty.print();
      expect(log).toHaveBeenCalledWith("No operations found.");
    } finally {
      table.mockRestore();
      log.mockRestore();
    }
  });
});
