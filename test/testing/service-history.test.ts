import { DurableExecutionService } from "../../src/testing/service/durable-execution-service";
import { ID, opById, PENDING, settle, shape, startControlled, step, succeeded } from "./helpers";

const INV = {
  EventType: "InvocationCompleted",
  InvocationCompletedDetails: {
    StartTimestamp: "<any>",
    EndTimestamp: "<any>",
    RequestId: "<any>",
  },
};

describe("history (PROTOCOL §7)", () => {
  let service: DurableExecutionService;
  beforeEach(() => {
    service = new DurableExecutionService({ skipTime: true });
  });
  afterEach(() => service.close());

  test("step, wait, step (the §7.4 example)", async () => {
    const { arn, fn, first } = await startControlled(service, '{"orderId":42}');
    await first.checkpoint([
      step(ID.op1, "START", { Name: "reserve" }),
      step(ID.op1, "SUCCEED", { Name: "reserve", Payload: '{"reservation":"r-1"}' }),
    ]);
    await first.checkpoint([
      {
        Id: ID.op2,
        Type: "WAIT",
        SubType: "Wait",
        Action: "START",
        WaitOptions: { WaitSeconds: 30 },
      },
    ]);
    first.end(PENDING);
    const second = await fn.next();
    await second.checkpoint([step(ID.op3, "START"), step(ID.op3, "SUCCEED", { Payload: "42" })]);
    second.end(succeeded('{"ok":true}'));
    await service.waitForExecution(arn);
    const { Events } = await service.getDurableExecutionHistory({ DurableExecutionArn: arn });
    expect(shape(Events)).toEqual([
      {
        EventType: "ExecutionStarted",
        EventId: 1,
        Id: "<exec>",
        ExecutionStartedDetails: {
          Input: { Payload: '{"orderId":42}' },
          ExecutionTimeout: 31622400,
        },
      },
      {
        EventType: "StepStarted",
        SubType: "Step",
        EventId: 2,
        Id: ID.op1,
        Name: "reserve",
        StepStartedDetails: {},
      },
      {
        EventType: "StepSucceeded",
        SubType: "Step",
        EventId: 3,
        Id: ID.op1,
        Name: "reserve",
        StepSucceededDetails: {
          Result: { Payload: '{"reservation":"r-1"}' },
          RetryDetails: { CurrentAttempt: 1 },
        },
      },
      {
        EventType: "WaitStarted",
        SubType: "Wait",
        EventId: 4,
        Id: ID.op2,
        WaitStartedDetails: { Duration: 30, ScheduledEndTimestamp: "<any>" },
      },
      { ...INV, EventId: 5 },
      {
        EventType: "WaitSucceeded",
        SubType: "Wait",
        EventId: 6,
        Id: ID.op2,
        WaitSucceededDetails: { Duration: 30 },
      },
      { EventType: "StepStarted", SubType: "Step", EventId: 7, Id: ID.op3, StepStartedDetails: {} },
      {
        EventType: "StepSucceeded",
        SubType: "Step",
        EventId: 8,
        Id: ID.op3,
        StepSucceededDetails: { Result: { Payload: "42" }, RetryDetails: { CurrentAttempt: 1 } },
      },
      { ...INV, EventId: 9 },
      {
        EventType: "ExecutionSucceeded",
        EventId: 10,
        Id: "<exec>",
        ExecutionSucceededDetails: { Result: { Payload: '{"ok":true}' } },
      },
    ]);
    // the wait's timestamps
    const waitStarted = Events[3].WaitStartedDetails!;
    expect(waitStarted.ScheduledEndTimestamp!.getTime() - Events[3].EventTimestamp!.getTime()).toBe(
      30_000,
    );
    expect(Events[5].EventTimestamp).toEqual(waitStarted.ScheduledEndTimestamp);
  });

  test("callback: started, failed by the outside world, then execution failed", async () => {
    const { arn, fn, first } = await startControlled(service);
    const r = await first.checkpoint([
      {
        Id: ID.op1,
        Type: "CALLBACK",
        SubType: "Callback",
        Name: "approval",
        Action: "START",
        CallbackOptions: {},
      },
    ]);
    const callbackId = opById(r.NewExecutionState?.Operations, ID.op1)!.CallbackDetails!
      .CallbackId!;
    first.end(PENDING);
    await settle();
    await service.sendDurableExecutionCallbackFailure({
      CallbackId: callbackId,
      Error: { ErrorType: "Denied", ErrorMessage: "no" },
    });
    const second = await fn.next();
    expect(opById(second.ops, ID.op1)?.CallbackDetails).toEqual({
      CallbackId: callbackId,
      Error: { ErrorType: "Denied", ErrorMessage: "no" },
    });
    second.end({
      Status: "FAILED",
      Error: { ErrorType: "CallbackExternalError", ErrorMessage: "no" },
    });
    await service.waitForExecution(arn);
    const { Events } = await service.getDurableExecutionHistory({ DurableExecutionArn: arn });
    expect(shape(Events)).toEqual([
      {
        EventType: "ExecutionStarted",
        EventId: 1,
        Id: "<exec>",
        ExecutionStartedDetails: { Input: { Payload: "{}" }, ExecutionTimeout: 31622400 },
      },
      {
        EventType: "CallbackStarted",
        SubType: "Callback",
        EventId: 2,
        Id: ID.op1,
        Name: "approval",
        CallbackStartedDetails: { CallbackId: "<any>" },
      },
      { ...INV, EventId: 3 },
      {
        EventType: "CallbackFailed",
        SubType: "Callback",
        EventId: 4,
        Id: ID.op1,
        Name: "approval",
        CallbackFailedDetails: { Error: { Payload: { ErrorType: "Denied", ErrorMessage: "no" } } },
      },
      { ...INV, EventId: 5 },
      {
        EventType: "ExecutionFailed",
        EventId: 6,
        Id: "<exec>",
        ExecutionFailedDetails: {
          Error: { Payload: { ErrorType: "CallbackExternalError", ErrorMessage: "no" } },
        },
      },
    ]);
  });

  test("child context with a step; the context's children are pruned from later envelopes", async () => {
    const { arn, fn, first } = await startControlled(service);
    await first.checkpoint([
      { Id: ID.op1, Type: "CONTEXT", SubType: "RunInChildContext", Name: "child", Action: "START" },
      step(ID.c1_1, "START", { ParentId: ID.op1, Name: "inner" }),
      step(ID.c1_1, "SUCCEED", { ParentId: ID.op1, Name: "inner", Payload: '"in"' }),
      {
        Id: ID.op1,
        Type: "CONTEXT",
        SubType: "RunInChildContext",
        Name: "child",
        Action: "SUCCEED",
        Payload: '"in"',
      },
      {
        Id: ID.op2,
        Type: "WAIT",
        SubType: "Wait",
        Action: "START",
        WaitOptions: { WaitSeconds: 1 },
      },
    ]);
    first.end(PENDING);
    const second = await fn.next();
    expect(second.ops.map((o) => o.Id)).toEqual([second.ops[0].Id, ID.op1, ID.op2]);
    second.end(succeeded('"in"'));
    await service.waitForExecution(arn);
    const { Events } = await service.getDurableExecutionHistory({
      DurableExecutionArn: arn,
      IncludeExecutionData: false,
    });
    expect(shape(Events).slice(1, 5)).toEqual([
      {
        EventType: "ContextStarted",
        SubType: "RunInChildContext",
        EventId: 2,
        Id: ID.op1,
        Name: "child",
        ContextStartedDetails: {},
      },
      {
        EventType: "StepStarted",
        SubType: "Step",
        EventId: 3,
        Id: ID.c1_1,
        Name: "inner",
        ParentId: ID.op1,
        StepStartedDetails: {},
      },
      {
        EventType: "StepSucceeded",
        SubType: "Step",
        EventId: 4,
        Id: ID.c1_1,
        Name: "inner",
        ParentId: ID.op1,
        StepSucceededDetails: { Result: {}, RetryDetails: { CurrentAttempt: 1 } },
      },
      {
        EventType: "ContextSucceeded",
        SubType: "RunInChildContext",
        EventId: 5,
        Id: ID.op1,
        Name: "child",
        ContextSucceededDetails: { Result: {} },
      },
    ]);
    // without pruning when ReplayChildren is set
  });

  test("ReplayChildren keeps children in the envelope", async () => {
    const { fn, first } = await startControlled(service);
    await first.checkpoint([
      { Id: ID.op1, Type: "CONTEXT", SubType: "Map", Action: "START" },
      step(ID.c1_1, "SUCCEED", { ParentId: ID.op1, Payload: "1" }),
      {
        Id: ID.op1,
        Type: "CONTEXT",
        SubType: "Map",
        Action: "SUCCEED",
        Payload: "{}",
        ContextOptions: { ReplayChildren: true },
      },
      {
        Id: ID.op2,
        Type: "WAIT",
        SubType: "Wait",
        Action: "START",
        WaitOptions: { WaitSeconds: 1 },
      },
    ]);
    first.end(PENDING);
    const second = await fn.next();
    expect(second.ops.map((o) => o.Id).slice(1)).toEqual([ID.op1, ID.c1_1, ID.op2]);
    expect(opById(second.ops, ID.op1)?.ContextDetails).toEqual({
      ReplayChildren: true,
      Result: "{}",
    });
    second.end(succeeded());
  });

  test("history paging: MaxItems, Marker, ReverseOrder, EventIds unchanged", async () => {
    const { arn, first } = await startControlled(service);
    const updates = [];
    for (let i = 1; i <= 5; i++) updates.push(step(`s${i}`, "SUCCEED", { Payload: `${i}` }));
    await first.checkpoint(updates);
    first.end(succeeded());
    await service.waitForExecution(arn);
    const all = (await service.getDurableExecutionHistory({ DurableExecutionArn: arn })).Events.map(
      (e) => e.EventId,
    );
    expect(all).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const ids: number[] = [];
    let marker: string | undefined;
    do {
      const page = await service.getDurableExecutionHistory({
        DurableExecutionArn: arn,
        MaxItems: 3,
        Marker: marker,
      });
      expect(page.Events.length).toBeLessThanOrEqual(3);
      ids.push(...page.Events.map((e) => e.EventId!));
      marker = page.NextMarker;
    } while (marker);
    expect(ids).toEqual(all);
    const reversed: number[] = [];
    marker = undefined;
    do {
      const page = await service.getDurableExecutionHistory({
        DurableExecutionArn: arn,
        MaxItems: 3,
        Marker: marker,
        ReverseOrder: true,
      });
      reversed.push(...page.Events.map((e) => e.EventId!));
      marker = page.NextMarker;
    } while (marker);
    expect(reversed).toEqual([...all].reverse());
    await expect(
      service.getDurableExecutionHistory({ DurableExecutionArn: arn, MaxItems: 1001 }),
    ).rejects.toMatchObject({
      name: "InvalidParameterValueException",
    });
    await expect(
      service.getDurableExecutionHistory({ DurableExecutionArn: arn, Marker: "bogus" }),
    ).rejects.toMatchObject({
      name: "InvalidParameterValueException",
    });
    await expect(
      service.getDurableExecutionHistory({ DurableExecutionArn: "arn:none" }),
    ).rejects.toMatchObject({
      name: "ResourceNotFoundException",
      $metadata: { httpStatusCode: 404 },
    });
  });
});

describe("state paging and the envelope", () => {
  test("a capped first page sets NextMarker; GetDurableExecutionState pages the rest", async () => {
    const service = new DurableExecutionService({ skipTime: true, firstPageSize: 4 });
    const { arn, fn, first } = await startControlled(service);
    const updates = [];
    for (let i = 1; i <= 10; i++) updates.push(step(`s${i}`, "SUCCEED", { Payload: `${i}` }));
    updates.push({
      Id: "w",
      Type: "WAIT" as const,
      SubType: "Wait",
      Action: "START" as const,
      WaitOptions: { WaitSeconds: 1 },
    });
    await first.checkpoint(updates);
    first.end(PENDING);
    const second = await fn.next();
    expect(second.ops).toHaveLength(4);
    expect(second.ops[0].Type).toBe("EXECUTION");
    let marker = second.event.InitialExecutionState.NextMarker;
    expect(marker).toBeTruthy();
    const ids = second.ops.map((o) => o.Id);
    while (marker) {
      const page = await service.getDurableExecutionState({
        DurableExecutionArn: arn,
        CheckpointToken: second.token,
        Marker: marker,
        MaxItems: 3,
      });
      ids.push(...(page.Operations ?? []).map((o) => o.Id));
      marker = page.NextMarker;
    }
    expect(ids.slice(1)).toEqual([
      "s1",
      "s2",
      "s3",
      "s4",
      "s5",
      "s6",
      "s7",
      "s8",
      "s9",
      "s10",
      "w",
    ]);
    await expect(
      service.getDurableExecutionState({
        DurableExecutionArn: arn,
        CheckpointToken: second.token,
        MaxItems: 1001,
      }),
    ).rejects.toThrow("Invalid value for MaxItems: must be an integer between 0 and 1000.");
    await expect(
      service.getDurableExecutionState({
        DurableExecutionArn: arn,
        CheckpointToken: second.token,
        Marker: "eyJ9",
      }),
    ).rejects.toThrow("Invalid value for Marker");
    await expect(
      service.getDurableExecutionState({
        DurableExecutionArn: "arn:x",
        CheckpointToken: second.token,
      }),
    ).rejects.toMatchObject({ name: "InvalidParameterValueException" });
    await expect(
      service.getDurableExecutionState({ DurableExecutionArn: arn, CheckpointToken: "eyJ9" }),
    ).rejects.toThrow(/^Invalid Checkpoint Token/);
    second.end(succeeded());
    await service.waitForExecution(arn);
    service.close();
  });
});

describe("executions: start, describe, list", () => {
  let service: DurableExecutionService;
  beforeEach(() => {
    service = new DurableExecutionService({ skipTime: true });
  });
  afterEach(() => service.close());

  test("ARN shape, idempotent names, conflicting payloads", async () => {
    service.registerDurableFunction(
      "orders",
      async () => ({ Status: "SUCCEEDED", Result: "1" }) as any,
    );
    const a = await service.startDurableExecution({
      FunctionName: "orders",
      DurableExecutionName: "order-42",
      Payload: '{"a":1}',
    });
    expect(a.DurableExecutionArn).toMatch(
      /^arn:aws:lambda:us-east-1:123456789012:function:orders:\$LATEST\/durable-execution\/order-42\/[0-9a-f-]{36}$/,
    );
    const again = await service.startDurableExecution({
      FunctionName: "orders",
      DurableExecutionName: "order-42",
      Payload: '{"a":1}',
    });
    expect(again).toEqual({ DurableExecutionArn: a.DurableExecutionArn, AlreadyStarted: true });
    await expect(
      service.startDurableExecution({
        FunctionName: "orders",
        DurableExecutionName: "order-42",
        Payload: '{"a":2}',
      }),
    ).rejects.toMatchObject({
      name: "DurableExecutionAlreadyStartedException",
      $metadata: { httpStatusCode: 409 },
    });
    await expect(service.startDurableExecution({ FunctionName: "nope" })).rejects.toMatchObject({
      name: "ResourceNotFoundException",
    });
    await expect(
      service.startDurableExecution({ FunctionName: "orders", DurableExecutionName: "bad name" }),
    ).rejects.toMatchObject({
      name: "InvalidParameterValueException",
    });
    const d = await service.waitForExecution(a.DurableExecutionArn);
    expect(d).toMatchObject({
      DurableExecutionName: "order-42",
      FunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:orders:$LATEST",
      Status: "SUCCEEDED",
      InputPayload: '{"a":1}',
      Result: "1",
      Version: "$LATEST",
      ExecutionDataIncluded: true,
    });
    const noData = await service.getDurableExecution({
      DurableExecutionArn: a.DurableExecutionArn,
      IncludeExecutionData: false,
    });
    expect(noData.InputPayload).toBeUndefined();
    expect(noData.Result).toBeUndefined();
    expect(noData.ExecutionDataIncluded).toBe(false);
  });

  test("listDurableExecutionsByFunction: newest first by default, filters, paging", async () => {
    service.registerDurableFunction("f", async (event: any) =>
      JSON.parse(event.InitialExecutionState.Operations[0].ExecutionDetails.InputPayload).fail
        ? ({ Status: "FAILED", Error: { ErrorMessage: "x" } } as any)
        : ({ Status: "SUCCEEDED" } as any),
    );
    const arns: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { DurableExecutionArn } = await service.startDurableExecution({
        FunctionName: "f",
        DurableExecutionName: `e${i}`,
        Payload: JSON.stringify({ fail: i % 2 === 1 }),
      });
      await service.waitForExecution(DurableExecutionArn);
      arns.push(DurableExecutionArn);
      service.clock.advanceTo(service.now().getTime() + 1000);
    }
    const all = await service.listDurableExecutionsByFunction({ FunctionName: "f" });
    expect(all.DurableExecutions.map((e) => e.DurableExecutionName)).toEqual([
      "e4",
      "e3",
      "e2",
      "e1",
      "e0",
    ]);
    const oldest = await service.listDurableExecutionsByFunction({
      FunctionName: "arn:aws:lambda:us-east-1:123456789012:function:f",
      ReverseOrder: true,
      Statuses: ["FAILED"],
    });
    expect(oldest.DurableExecutions.map((e) => e.DurableExecutionName)).toEqual(["e1", "e3"]);
    const page1 = await service.listDurableExecutionsByFunction({ FunctionName: "f", MaxItems: 2 });
    const page2 = await service.listDurableExecutionsByFunction({
      FunctionName: "f",
      MaxItems: 2,
      Marker: page1.NextMarker,
    });
    expect(
      [...page1.DurableExecutions, ...page2.DurableExecutions].map((e) => e.DurableExecutionName),
    ).toEqual(["e4", "e3", "e2", "e1"]);
    const byName = await service.listDurableExecutionsByFunction({
      FunctionName: "f",
      DurableExecutionName: "e2",
    });
    expect(byName.DurableExecutions).toHaveLength(1);
    const e2 = (await service.getDurableExecution({ DurableExecutionArn: arns[2] })).StartTimestamp;
    const after = await service.listDurableExecutionsByFunction({
      FunctionName: "f",
      StartedAfter: e2,
    });
    expect(after.DurableExecutions.map((e) => e.DurableExecutionName)).toEqual(["e4", "e3"]);
    await expect(
      service.listDurableExecutionsByFunction({ FunctionName: "nope" }),
    ).rejects.toMatchObject({ name: "ResourceNotFoundException" });
    await expect(
      service.listDurableExecutionsByFunction({ FunctionName: "f", Statuses: ["NOPE" as any] }),
    ).rejects.toMatchObject({
      name: "InvalidParameterValueException",
    });
  });
});

describe("chained invoke", () => {
  let service: DurableExecutionService;
  beforeEach(() => {
    service = new DurableExecutionService({ skipTime: true });
  });
  afterEach(() => service.close());

  const invoke = (fnName: string, payload?: string) => ({
    Id: ID.op1,
    Type: "CHAINED_INVOKE" as const,
    SubType: "ChainedInvoke",
    Action: "START" as const,
    Payload: payload,
    ChainedInvokeOptions: { FunctionName: fnName },
  });

  test("plain target: result JSON; undefined result is a success without result", async () => {
    service.registerFunction("double", async (event: any) => event.n * 2);
    service.registerFunction("nothing", async () => undefined);
    for (const [target, expected] of [
      ["double", "8"],
      ["nothing", undefined],
    ] as const) {
      const { arn, fn, first } = await startControlled(service);
      await first.checkpoint([invoke(target, '{"n":4}')]);
      first.end(PENDING);
      const second = await fn.next();
      const op = opById(second.ops, ID.op1)!;
      expect(op.Status).toBe("SUCCEEDED");
      expect(op.EndTimestamp).toBeInstanceOf(Date);
      expect(op.ChainedInvokeDetails).toEqual(expected === undefined ? {} : { Result: expected });
      second.end(succeeded());
      await service.waitForExecution(arn);
      const h = await service.getDurableExecutionHistory({ DurableExecutionArn: arn });
      expect(h.Events[1]).toMatchObject({
        EventType: "ChainedInvokeStarted",
        ChainedInvokeStartedDetails: {
          FunctionName: target,
          Input: { Payload: '{"n":4}' },
          ExecutedVersion: "$LATEST",
        },
      });
    }
  });

  test("plain target that throws fails the invoke with the error", async () => {
    service.registerFunction("boom", async () => {
      throw new RangeError("too big");
    });
    const { fn, first } = await startControlled(service);
    await first.checkpoint([invoke("boom")]);
    first.end(PENDING);
    const second = await fn.next();
    const op = opById(second.ops, ID.op1)!;
    expect(op.Status).toBe("FAILED");
    expect(op.ChainedInvokeDetails?.Error).toMatchObject({
      ErrorType: "RangeError",
      ErrorMessage: "too big",
    });
    second.end(succeeded());
  });

  test("durable target runs as its own execution, reported in ChainedInvokeStarted", async () => {
    service.registerDurableFunction("child", async (event: any) => {
      const input = JSON.parse(
        event.InitialExecutionState.Operations[0].ExecutionDetails.InputPayload,
      );
      return { Status: "SUCCEEDED", Result: JSON.stringify({ got: input }) } as any;
    });
    const { arn, fn, first } = await startControlled(service);
    await first.checkpoint([invoke("child", '{"x":1}')]);
    first.end(PENDING);
    const second = await fn.next();
    expect(opById(second.ops, ID.op1)?.ChainedInvokeDetails).toEqual({ Result: '{"got":{"x":1}}' });
    second.end(succeeded());
    await service.waitForExecution(arn);
    const h = await service.getDurableExecutionHistory({ DurableExecutionArn: arn });
    const childArn = h.Events[1].ChainedInvokeStartedDetails!.DurableExecutionArn!;
    expect(childArn).toMatch(/function:child:\$LATEST\/durable-execution\//);
    expect((await service.getDurableExecution({ DurableExecutionArn: childArn })).Status).toBe(
      "SUCCEEDED",
    );
    expect(
      h.Events.find((e) => e.EventType === "ChainedInvokeSucceeded")?.ChainedInvokeSucceededDetails,
    ).toEqual({
      Result: { Payload: '{"got":{"x":1}}' },
    });
  });

  test("unknown target fails the invoke with ResourceNotFoundException", async () => {
    const seen: string[] = [];
    const { fn, first } = await startControlled(service, undefined, {
      observer: { onUnknownFunction: (n) => seen.push(n) },
    });
    await first.checkpoint([invoke("ghost")]);
    first.end(PENDING);
    const second = await fn.next();
    expect(opById(second.ops, ID.op1)?.ChainedInvokeDetails?.Error).toMatchObject({
      ErrorType: "ResourceNotFoundException",
    });
    expect(seen).toEqual(["ghost"]);
    second.end(succeeded());
  });
});
