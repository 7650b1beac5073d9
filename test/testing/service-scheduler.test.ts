import { DurableExecutionService } from "../../src/testing/service/durable-execution-service";
import { ID, opById, PENDING, settle, shape, startControlled, step, succeeded } from "./helpers";

const wait = (id: string, seconds: number) => ({
  Id: id,
  Type: "WAIT" as const,
  SubType: "Wait",
  Action: "START" as const,
  WaitOptions: { WaitSeconds: seconds },
});

describe("scheduler on the virtual clock", () => {
  let service: DurableExecutionService;
  beforeEach(() => {
    service = new DurableExecutionService({ skipTime: true });
  });
  afterEach(() => service.close());

  test("a wait completes at its scheduled end without real waiting", async () => {
    const { arn, fn, first } = await startControlled(service);
    const r = await first.checkpoint([wait(ID.op1, 3600)]);
    const scheduled = opById(r.NewExecutionState?.Operations, ID.op1)!.WaitDetails!
      .ScheduledEndTimestamp as Date;
    first.end(PENDING);
    const second = await fn.next();
    expect(second.event.UpdatedOperationIds).toEqual([ID.op1]);
    const op = opById(second.ops, ID.op1)!;
    expect(op.Status).toBe("SUCCEEDED");
    expect(op.EndTimestamp).toEqual(scheduled);
    expect(service.now().getTime()).toBeGreaterThanOrEqual(scheduled.getTime());
    second.end(succeeded('"done"'));
    await service.waitForExecution(arn);
  });

  test("the clock does not jump while an invocation runs", async () => {
    const { fn, first } = await startControlled(service);
    const before = service.now().getTime();
    await first.checkpoint([wait(ID.op1, 60)]);
    await settle(10);
    expect(service.now().getTime() - before).toBeLessThan(5000);
    first.end(PENDING);
    const second = await fn.next();
    expect(service.now().getTime() - before).toBeGreaterThanOrEqual(60_000);
    second.end(succeeded());
  });

  test("a step retry goes PENDING → READY (no event) and attempts are counted", async () => {
    const { arn, fn, first } = await startControlled(service);
    const r = await first.checkpoint([
      step(ID.op1, "START", { Name: "flaky" }),
      step(ID.op1, "RETRY", {
        Name: "flaky",
        Error: { ErrorType: "Error", ErrorMessage: "boom" },
        StepOptions: { NextAttemptDelaySeconds: 5 },
      }),
    ]);
    const pending = opById(r.NewExecutionState?.Operations, ID.op1)!;
    expect(pending.Status).toBe("PENDING");
    expect(pending.StepDetails?.Attempt).toBe(1);
    expect(
      (pending.StepDetails!.NextAttemptTimestamp as Date).getTime() -
        (pending.StartTimestamp as Date).getTime(),
    ).toBeGreaterThanOrEqual(5000);
    first.end(PENDING);
    const second = await fn.next();
    expect(opById(second.ops, ID.op1)!.Status).toBe("READY");
    expect(second.event.UpdatedOperationIds).toEqual([ID.op1]);
    await second.checkpoint([
      step(ID.op1, "START", { Name: "flaky" }),
      step(ID.op1, "SUCCEED", { Name: "flaky", Payload: "3" }),
    ]);
    second.end(succeeded("3"));
    await service.waitForExecution(arn);
    const h = await service.getDurableExecutionHistory({ DurableExecutionArn: arn });
    expect(shape(h.Events)).toEqual([
      {
        EventType: "ExecutionStarted",
        EventId: 1,
        Id: "<exec>",
        ExecutionStartedDetails: { Input: { Payload: "{}" }, ExecutionTimeout: 31622400 },
      },
      {
        EventType: "StepStarted",
        EventId: 2,
        SubType: "Step",
        Id: ID.op1,
        Name: "flaky",
        StepStartedDetails: {},
      },
      {
        EventType: "StepFailed",
        EventId: 3,
        SubType: "Step",
        Id: ID.op1,
        Name: "flaky",
        StepFailedDetails: {
          Error: { Payload: { ErrorType: "Error", ErrorMessage: "boom" } },
          RetryDetails: { CurrentAttempt: 1, NextAttemptDelaySeconds: 5 },
        },
      },
      {
        EventType: "InvocationCompleted",
        EventId: 4,
        InvocationCompletedDetails: {
          StartTimestamp: "<any>",
          EndTimestamp: "<any>",
          RequestId: "<any>",
        },
      },
      {
        EventType: "StepStarted",
        EventId: 5,
        SubType: "Step",
        Id: ID.op1,
        Name: "flaky",
        StepStartedDetails: {},
      },
      {
        EventType: "StepSucceeded",
        EventId: 6,
        SubType: "Step",
        Id: ID.op1,
        Name: "flaky",
        StepSucceededDetails: { Result: { Payload: "3" }, RetryDetails: { CurrentAttempt: 2 } },
      },
      {
        EventType: "InvocationCompleted",
        EventId: 7,
        InvocationCompletedDetails: {
          StartTimestamp: "<any>",
          EndTimestamp: "<any>",
          RequestId: "<any>",
        },
      },
      {
        EventType: "ExecutionSucceeded",
        EventId: 8,
        Id: "<exec>",
        ExecutionSucceededDetails: { Result: { Payload: "3" } },
      },
    ]);
  });

  test("a callback times out on the virtual clock with Callback.Timeout", async () => {
    const { arn, fn, first } = await startControlled(service);
    const r = await first.checkpoint([
      {
        Id: ID.op1,
        Type: "CALLBACK",
        SubType: "Callback",
        Action: "START",
        CallbackOptions: { TimeoutSeconds: 300 },
      },
    ]);
    const created = opById(r.NewExecutionState?.Operations, ID.op1)!;
    const callbackId = created.CallbackDetails!.CallbackId!;
    first.end(PENDING);
    const second = await fn.next();
    const op = opById(second.ops, ID.op1)!;
    expect(op.Status).toBe("TIMED_OUT");
    expect(op.CallbackDetails).toEqual({
      CallbackId: callbackId,
      Error: { ErrorType: "Callback.Timeout", ErrorMessage: "Callback timed out" },
    });
    expect((op.EndTimestamp as Date).getTime() - (op.StartTimestamp as Date).getTime()).toBe(
      300_000,
    );
    await expect(
      service.sendDurableExecutionCallbackSuccess({ CallbackId: callbackId, Result: "x" }),
    ).rejects.toMatchObject({
      name: "CallbackTimeoutException",
      $metadata: { httpStatusCode: 400 },
    });
    second.end(succeeded());
    await service.waitForExecution(arn);
  });

  test("heartbeats restart the heartbeat timer; a missed heartbeat times out with Callback.Heartbeat", async () => {
    const { arn, fn, first } = await startControlled(service);
    const r = await first.checkpoint([
      {
        Id: ID.op1,
        Type: "CALLBACK",
        SubType: "Callback",
        Action: "START",
        CallbackOptions: { TimeoutSeconds: 1000, HeartbeatTimeoutSeconds: 10 },
      },
    ]);
    const op0 = opById(r.NewExecutionState?.Operations, ID.op1)!;
    const t0 = (op0.StartTimestamp as Date).getTime();
    service.clock.advanceTo(t0 + 8000);
    await service.sendDurableExecutionCallbackHeartbeat({
      CallbackId: op0.CallbackDetails!.CallbackId!,
    });
    first.end(PENDING);
    const second = await fn.next();
    const op = opById(second.ops, ID.op1)!;
    expect(op.Status).toBe("TIMED_OUT");
    expect(op.CallbackDetails?.Error?.ErrorType).toBe("Callback.Heartbeat");
    expect((op.EndTimestamp as Date).getTime() - t0).toBeGreaterThanOrEqual(18_000);
    expect((op.EndTimestamp as Date).getTime() - t0).toBeLessThan(19_000);
    second.end(succeeded());
    await service.waitForExecution(arn);
    const h = await service.getDurableExecutionHistory({ DurableExecutionArn: arn });
    const timedOut = h.Events.find((e) => e.EventType === "CallbackTimedOut")!;
    expect(timedOut.CallbackTimedOutDetails).toEqual({
      Error: {
        Payload: {
          ErrorType: "Callback.Heartbeat",
          ErrorMessage: "Callback timed out on heartbeat",
        },
      },
    });
    const startedEvent = h.Events.find((e) => e.EventType === "CallbackStarted")!;
    expect(startedEvent.CallbackStartedDetails).toEqual({
      CallbackId: op0.CallbackDetails!.CallbackId,
      Timeout: 1000,
      HeartbeatTimeout: 10,
    });
    // About 10 s of real time: the heartbeat timeout waits for the answer of others.
  }, 20_000);

  test("callback completion while an invocation runs is delivered by the next checkpoint", async () => {
    const { arn, first } = await startControlled(service);
    const r = await first.checkpoint([
      { Id: ID.op1, Type: "CALLBACK", SubType: "Callback", Action: "START", CallbackOptions: {} },
    ]);
    const callbackId = opById(r.NewExecutionState?.Operations, ID.op1)!.CallbackDetails!
      .CallbackId!;
    await service.sendDurableExecutionCallbackSuccess({
      CallbackId: callbackId,
      Result: Buffer.from('{"ok":1}'),
    });
    const poll = await first.checkpoint([]);
    expect(opById(poll.NewExecutionState?.Operations, ID.op1)).toMatchObject({
      Status: "SUCCEEDED",
      CallbackDetails: { CallbackId: callbackId, Result: '{"ok":1}' },
    });
    // a second completion is refused, like the real service
    await expect(
      service.sendDurableExecutionCallbackFailure({ CallbackId: callbackId }),
    ).rejects.toMatchObject({
      name: "CallbackTimeoutException",
    });
    await expect(
      service.sendDurableExecutionCallbackSuccess({ CallbackId: "not base64!" }),
    ).rejects.toMatchObject({
      name: "InvalidParameterValueException",
    });
    first.end(succeeded());
    await service.waitForExecution(arn);
  });

  test("execution timeout: TIMED_OUT, ExecutionTimedOut, later checkpoints rejected", async () => {
    const { arn, fn, first } = await startControlled(service, undefined, { timeout: 60 });
    await first.checkpoint([wait(ID.op1, 120)]);
    first.end(PENDING);
    const d = await service.waitForExecution(arn);
    expect(d.Status).toBe("TIMED_OUT");
    expect(d.Error).toEqual({ ErrorMessage: "Execution timed out after 60 seconds." });
    expect(d.EndTimestamp!.getTime() - d.StartTimestamp.getTime()).toBe(60_000);
    const h = await service.getDurableExecutionHistory({ DurableExecutionArn: arn });
    expect(h.Events.at(-1)).toMatchObject({
      EventType: "ExecutionTimedOut",
      ExecutionTimedOutDetails: {
        Error: { Payload: { ErrorMessage: "Execution timed out after 60 seconds." } },
      },
    });
    await expect(first.checkpoint([step(ID.op2, "START")])).rejects.toThrow(
      /^Invalid Checkpoint Token/,
    );
    await settle();
    expect(fn.parked).toBe(0); // and no invocation after the timeout
  });

  test("stop: STOPPED, running invocation's checkpoints rejected, its output ignored", async () => {
    const { arn, first } = await startControlled(service);
    await first.checkpoint([step(ID.op1, "START")]);
    const stop = await service.stopDurableExecution({
      DurableExecutionArn: arn,
      Error: { ErrorMessage: "stopped by test" },
    });
    expect(stop.StopTimestamp).toBeInstanceOf(Date);
    await expect(first.checkpoint([step(ID.op1, "SUCCEED")])).rejects.toThrow(
      /^Invalid Checkpoint Token/,
    );
    first.end(succeeded("1"));
    const d = await service.waitForExecution(arn);
    expect(d.Status).toBe("STOPPED");
    expect(d.Result).toBeUndefined();
    expect(service.getOperations(arn)[1].Status).toBe("STARTED");
    const again = await service.stopDurableExecution({ DurableExecutionArn: arn });
    expect(again.StopTimestamp).toEqual(stop.StopTimestamp);
    const h = await service.getDurableExecutionHistory({ DurableExecutionArn: arn });
    expect(h.Events.map((e) => e.EventType)).toEqual([
      "ExecutionStarted",
      "StepStarted",
      "ExecutionStopped",
      "InvocationCompleted",
    ]);
    expect(h.Events[2].ExecutionStoppedDetails).toEqual({
      Error: { Payload: { ErrorMessage: "stopped by test" } },
    });
  });

  test("PENDING with nothing pending fails the execution", async () => {
    const { arn, first } = await startControlled(service);
    first.end(PENDING);
    const d = await service.waitForExecution(arn);
    expect(d.Status).toBe("FAILED");
    expect(d.Error).toEqual({
      ErrorType: "InvalidParameterValueException",
      ErrorMessage: "Cannot return PENDING status with no pending operations.",
    });
  });

  test("function errors are retried 5 times, 5 virtual seconds apart, then fail the execution", async () => {
    const { arn, fn, first } = await startControlled(service);
    const startedAt = service.now().getTime();
    first.crash(new TypeError("bad 1"));
    for (let i = 2; i <= 6; i++) (await fn.next()).crash(new TypeError(`bad ${i}`));
    const d = await service.waitForExecution(arn);
    expect(d.Status).toBe("FAILED");
    expect(d.Error).toMatchObject({ ErrorType: "TypeError", ErrorMessage: "bad 6" });
    expect(service.now().getTime() - startedAt).toBeGreaterThanOrEqual(25_000);
    const h = await service.getDurableExecutionHistory({ DurableExecutionArn: arn });
    const inv = h.Events.filter((e) => e.EventType === "InvocationCompleted");
    expect(inv).toHaveLength(6);
    expect(inv[0].InvocationCompletedDetails?.Error?.Payload).toMatchObject({
      ErrorType: "TypeError",
      ErrorMessage: "bad 1",
    });
    expect(h.Events.at(-1)?.EventType).toBe("ExecutionFailed");
  });

  test("a function error followed by success recovers", async () => {
    const { arn, fn, first } = await startControlled(service);
    first.crash(new Error("transient"));
    const second = await fn.next();
    second.end(succeeded('"ok"'));
    const d = await service.waitForExecution(arn);
    expect(d.Status).toBe("SUCCEEDED");
    expect(d.Result).toBe('"ok"');
  });

  test("an EXECUTION SUCCEED checkpoint completes the execution before InvocationCompleted", async () => {
    const { arn, first } = await startControlled(service);
    await first.checkpoint([
      { Id: "937090fb0297ef3c", Type: "EXECUTION", Action: "SUCCEED", Payload: '"big"' },
    ]);
    first.end(succeeded(""));
    const d = await service.waitForExecution(arn);
    expect(d.Result).toBe('"big"');
    const h = await service.getDurableExecutionHistory({ DurableExecutionArn: arn });
    expect(h.Events.map((e) => e.EventType)).toEqual([
      "ExecutionStarted",
      "ExecutionSucceeded",
      "InvocationCompleted",
    ]);
  });

  test("WAIT CANCEL cancels the wait and records WaitCancelled", async () => {
    const { arn, first } = await startControlled(service);
    await first.checkpoint([wait(ID.op1, 100)]);
    const r = await first.checkpoint([
      { Id: ID.op1, Type: "WAIT", SubType: "Wait", Action: "CANCEL" },
    ]);
    expect(opById(r.NewExecutionState?.Operations, ID.op1)?.Status).toBe("CANCELLED");
    first.end(succeeded());
    await service.waitForExecution(arn);
    const h = await service.getDurableExecutionHistory({ DurableExecutionArn: arn });
    expect(h.Events[2]).toMatchObject({ EventType: "WaitCancelled", WaitCancelledDetails: {} });
  });
});

describe("without skipTime", () => {
  test("a short wait elapses in real time", async () => {
    const service = new DurableExecutionService({ skipTime: false });
    const { arn, fn, first } = await startControlled(service);
    const t = Date.now();
    await first.checkpoint([wait(ID.op1, 1)]);
    first.end(PENDING);
    const second = await fn.next();
    expect(Date.now() - t).toBeGreaterThanOrEqual(900);
    second.end(succeeded());
    await service.waitForExecution(arn);
    service.close();
  });
});

describe("time skipping: one re-invocation for the waits an invocation set with one duration", () => {
  let source = 1_700_000_000_000;
  let service: DurableExecutionService;
  beforeEach(() => {
    service = new DurableExecutionService({ skipTime: true, timeSource: () => source });
  });
  afterEach(() => service.close());

  test("two 60 s waits started 300 ms apart end in one re-invocation, each at its own time", async () => {
    const { arn, fn, first } = await startControlled(service);
    const a = await first.checkpoint([wait(ID.op1, 60)]);
    source += 300;
    const b = await first.checkpoint([wait(ID.op2, 60)]);
    const dueA = opById(a.NewExecutionState?.Operations, ID.op1)!.WaitDetails!
      .ScheduledEndTimestamp as Date;
    const dueB = opById(b.NewExecutionState?.Operations, ID.op2)!.WaitDetails!
      .ScheduledEndTimestamp as Date;
    expect(dueB.getTime() - dueA.getTime()).toBe(300);
    first.end(PENDING);
    const second = await fn.next();
    expect(second.event.UpdatedOperationIds).toEqual([ID.op1, ID.op2]);
    expect(opById(second.ops, ID.op1)!.EndTimestamp).toEqual(dueA);
    expect(opById(second.ops, ID.op2)!.EndTimestamp).toEqual(dueB);
    second.end(succeeded('"done"'));
    await service.waitForExecution(arn);
    const ends = (await service.getDurableExecutionHistory({ DurableExecutionArn: arn }))
      .Events!.filter((e) => e.EventType === "WaitSucceeded")
      .map((e) => [e.Id, e.EventTimestamp]);
    expect(ends).toEqual([
      [ID.op1, dueA],
      [ID.op2, dueB],
    ]);
  });

  test("waits set in one invocation that fall due further apart than its span stay separate", async () => {
    const { arn, fn, first } = await startControlled(service);
    await first.checkpoint([wait(ID.op1, 60)]);
    source += 300;
    await first.checkpoint([wait(ID.op2, 61)]);
    first.end(PENDING);
    const second = await fn.next();
    expect(second.event.UpdatedOperationIds).toEqual([ID.op1]);
    second.end(PENDING);
    const third = await fn.next();
    expect(third.event.UpdatedOperationIds).toEqual([ID.op2]);
    third.end(succeeded('"done"'));
    await service.waitForExecution(arn);
  });
});
