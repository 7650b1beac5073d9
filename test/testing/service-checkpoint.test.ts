import { DurableExecutionService } from "../../src/testing/service/durable-execution-service";
import { ID, opById, PENDING, startControlled, step, succeeded } from "./helpers";

describe("checkpoint validation (PROTOCOL §6.1, §6.8)", () => {
  let service: DurableExecutionService;
  beforeEach(() => {
    service = new DurableExecutionService({
      skipTime: true,
      limits: { operationPayloadBytes: 100, errorBytes: 200 },
    });
  });
  afterEach(() => service.close());

  async function rejects(updates: any[], message: string, setup?: any[]) {
    const { first } = await startControlled(service);
    if (setup) await first.checkpoint(setup);
    const error = await first.checkpoint(updates).then(
      () => undefined,
      (e) => e,
    );
    expect(error).toBeDefined();
    expect(error.name).toBe("InvalidParameterValueException");
    expect(error.$fault).toBe("client");
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toBe(message);
    first.end(PENDING);
    return first;
  }

  test.each([
    [
      "two EXECUTION updates",
      [
        { Id: "a", Type: "EXECUTION", Action: "SUCCEED" },
        { Id: "b", Type: "EXECUTION", Action: "SUCCEED" },
      ],
      "Cannot checkpoint multiple EXECUTION updates.",
    ],
    [
      "EXECUTION not last",
      [{ Id: "a", Type: "EXECUTION", Action: "SUCCEED" }, step(ID.op1, "START")],
      "EXECUTION checkpoint must be the last update.",
    ],
    ["missing Id", [{ Type: "STEP", Action: "START" }], "Operation update must have an Id."],
    [
      "same id twice",
      [step(ID.op1, "START"), step(ID.op1, "START")],
      "Cannot update the same operation twice in a single request.",
    ],
    [
      "three updates of one step",
      [
        step(ID.op1, "START"),
        step(ID.op1, "RETRY", { StepOptions: { NextAttemptDelaySeconds: 1 } }),
        step(ID.op1, "SUCCEED"),
      ],
      "Cannot update the same operation twice in a single request.",
    ],
    [
      "WAIT twice",
      [
        { Id: ID.op1, Type: "WAIT", Action: "START", WaitOptions: { WaitSeconds: 1 } },
        { Id: ID.op1, Type: "WAIT", Action: "CANCEL" },
      ],
      "Cannot update the same operation twice in a single request.",
    ],
    [
      "unknown parent",
      [step(ID.op1, "START", { ParentId: "nope" })],
      "Invalid parent operation id.",
    ],
    [
      "bad id",
      [step("has space", "START")],
      "Invalid value for Id: must be 1-64 characters of [a-zA-Z0-9-_].",
    ],
    [
      "empty name",
      [step(ID.op1, "START", { Name: "" })],
      "Invalid value for Name: must be 1-256 printable ASCII characters.",
    ],
    [
      "long name",
      [step(ID.op1, "START", { Name: "x".repeat(257) })],
      "Invalid value for Name: must be 1-256 printable ASCII characters.",
    ],
    [
      "bad subtype",
      [step(ID.op1, "START", { SubType: "a.b" })],
      "Invalid value for SubType: must be 1-32 characters of [a-zA-Z0-9-_].",
    ],
    [
      "fractional wait",
      [
        {
          Id: ID.op1,
          Type: "WAIT",
          SubType: "Wait",
          Action: "START",
          WaitOptions: { WaitSeconds: 1.5 },
        },
      ],
      "Invalid value for WaitOptions.WaitSeconds: must be an integer between 1 and 31622400.",
    ],
    [
      "zero wait",
      [
        {
          Id: ID.op1,
          Type: "WAIT",
          SubType: "Wait",
          Action: "START",
          WaitOptions: { WaitSeconds: 0 },
        },
      ],
      "Invalid value for WaitOptions.WaitSeconds: must be an integer between 1 and 31622400.",
    ],
    [
      "zero retry delay",
      [step(ID.op1, "RETRY", { StepOptions: { NextAttemptDelaySeconds: 0 } })],
      "Invalid value for StepOptions.NextAttemptDelaySeconds: must be an integer between 1 and 31622400.",
    ],
    [
      "negative callback timeout",
      [{ Id: ID.op1, Type: "CALLBACK", Action: "START", CallbackOptions: { TimeoutSeconds: -1 } }],
      "Invalid value for CallbackOptions.TimeoutSeconds: must be an integer greater than or equal to 0.",
    ],
    [
      "payload too large",
      [step(ID.op1, "SUCCEED", { Payload: "x".repeat(101) })],
      "Invalid value for Payload: 101 bytes exceeds the limit of 100 bytes.",
    ],
    [
      "error too large",
      [step(ID.op1, "FAIL", { Error: { ErrorMessage: "x".repeat(300) } })],
      "Invalid value for Error: 319 bytes exceeds the limit of 200 bytes.",
    ],
    ["unknown type", [{ Id: ID.op1, Type: "BOGUS", Action: "START" }], "Unknown operation type."],
    [
      "invalid action",
      [{ Id: ID.op1, Type: "WAIT", Action: "SUCCEED" }],
      "Invalid action for the given operation type.",
    ],
    [
      "callback cancel",
      [{ Id: ID.op1, Type: "CALLBACK", Action: "CANCEL" }],
      "Invalid action for the given operation type.",
    ],
    [
      "execution start",
      [{ Id: ID.op1, Type: "EXECUTION", Action: "START" }],
      "Invalid action for the given operation type.",
    ],
    ["retry without options", [step(ID.op1, "RETRY")], "Invalid StepOptions for the given action."],
    [
      "retry with both",
      [
        step(ID.op1, "RETRY", {
          StepOptions: { NextAttemptDelaySeconds: 1 },
          Payload: "1",
          Error: {},
        }),
      ],
      "Cannot provide both error and payload to RETRY a STEP.",
    ],
    [
      "succeed with error",
      [step(ID.op1, "SUCCEED", { Error: {} })],
      "Cannot provide an Error for SUCCEED action.",
    ],
    [
      "fail with payload",
      [step(ID.op1, "FAIL", { Payload: "1" })],
      "Cannot provide a Payload for FAIL action.",
    ],
    [
      "execution succeed with error",
      [{ Id: "x", Type: "EXECUTION", Action: "SUCCEED", Error: {} }],
      "Cannot provide an Error for SUCCEED action.",
    ],
    [
      "wait without seconds",
      [{ Id: ID.op1, Type: "WAIT", Action: "START" }],
      "Invalid WaitOptions for the given action.",
    ],
    [
      "cancel unknown wait",
      [{ Id: ID.op1, Type: "WAIT", Action: "CANCEL" }],
      "Cannot cancel a WAIT that does not exist or has already completed.",
    ],
    [
      "invoke without function",
      [{ Id: ID.op1, Type: "CHAINED_INVOKE", Action: "START", ChainedInvokeOptions: {} }],
      "Invalid ChainedInvokeOptions for the given action.",
    ],
  ])("%s", async (_label, updates, message) => {
    await rejects(updates as any[], message as string);
  });

  test.each([
    [
      "STEP start from SUCCEEDED",
      [step(ID.op1, "START")],
      "Invalid current STEP state to start.",
      [step(ID.op1, "SUCCEED")],
    ],
    [
      "STEP close from SUCCEEDED",
      [step(ID.op1, "SUCCEED")],
      "Invalid current STEP state to close.",
      [step(ID.op1, "SUCCEED")],
    ],
    [
      "STEP retry from PENDING",
      [step(ID.op1, "RETRY", { StepOptions: { NextAttemptDelaySeconds: 1 } })],
      "Invalid current STEP state to re-attempt.",
      [step(ID.op1, "RETRY", { StepOptions: { NextAttemptDelaySeconds: 100 } })],
    ],
    [
      "STEP start from STARTED",
      [step(ID.op1, "START")],
      "Invalid current STEP state to start.",
      [step(ID.op1, "START")],
    ],
    [
      "CONTEXT start twice",
      [{ Id: ID.op1, Type: "CONTEXT", SubType: "RunInChildContext", Action: "START" }],
      "Cannot start a CONTEXT that already exists.",
      [{ Id: ID.op1, Type: "CONTEXT", SubType: "RunInChildContext", Action: "START" }],
    ],
    [
      "CONTEXT close twice",
      [{ Id: ID.op1, Type: "CONTEXT", SubType: "RunInChildContext", Action: "SUCCEED" }],
      "Invalid current CONTEXT state to close.",
      [{ Id: ID.op1, Type: "CONTEXT", SubType: "RunInChildContext", Action: "SUCCEED" }],
    ],
    [
      "WAIT start twice",
      [
        {
          Id: ID.op1,
          Type: "WAIT",
          SubType: "Wait",
          Action: "START",
          WaitOptions: { WaitSeconds: 5 },
        },
      ],
      "Cannot start a WAIT that already exists.",
      [
        {
          Id: ID.op1,
          Type: "WAIT",
          SubType: "Wait",
          Action: "START",
          WaitOptions: { WaitSeconds: 5 },
        },
      ],
    ],
    [
      "CALLBACK start twice",
      [{ Id: ID.op1, Type: "CALLBACK", SubType: "Callback", Action: "START" }],
      "Cannot start a CALLBACK that already exists.",
      [{ Id: ID.op1, Type: "CALLBACK", SubType: "Callback", Action: "START" }],
    ],
    [
      "inconsistent type",
      [{ Id: ID.op1, Type: "CONTEXT", Action: "SUCCEED" }],
      "Inconsistent operation type.",
      [step(ID.op1, "START")],
    ],
    [
      "inconsistent name",
      [step(ID.op1, "SUCCEED", { Name: "b" })],
      "Inconsistent operation name.",
      [step(ID.op1, "START", { Name: "a" })],
    ],
    [
      "inconsistent subtype",
      [step(ID.op1, "SUCCEED", { SubType: "WaitForCondition" })],
      "Inconsistent operation subtype.",
      [step(ID.op1, "START")],
    ],
    [
      "inconsistent parent",
      [step(ID.c1_1, "SUCCEED", { ParentId: ID.op2 })],
      "Inconsistent parent operation id.",
      [
        { Id: ID.op1, Type: "CONTEXT", SubType: "RunInChildContext", Action: "START" },
        { Id: ID.op2, Type: "CONTEXT", SubType: "RunInChildContext", Action: "START" },
        step(ID.c1_1, "START", { ParentId: ID.op1 }),
      ],
    ],
  ])("%s", async (_label, updates, message, setup) => {
    await rejects(updates as any[], message as string, setup as any[]);
  });

  test("a rejected request applies nothing", async () => {
    const { arn, first } = await startControlled(service);
    await expect(
      first.checkpoint([step(ID.op1, "START"), step(ID.op2, "FAIL", { Payload: "x" })]),
    ).rejects.toThrow("Cannot provide a Payload for FAIL action.");
    expect(service.getOperations(arn)).toHaveLength(1);
    // the token was not consumed either
    const ok = await first.checkpoint([step(ID.op1, "START")]);
    expect(ok.NewExecutionState?.Operations?.map((o) => o.Id)).toEqual([ID.op1]);
    first.end(PENDING);
  });

  test("START + follow-up pairs and parents started in the same request are accepted", async () => {
    const { first } = await startControlled(service);
    const r = await first.checkpoint([
      { Id: ID.op1, Type: "CONTEXT", SubType: "RunInChildContext", Action: "START" },
      step(ID.c1_1, "START", { ParentId: ID.op1 }),
      step(ID.c1_1, "SUCCEED", { ParentId: ID.op1, Payload: "1" }),
      {
        Id: ID.op1,
        Type: "CONTEXT",
        SubType: "RunInChildContext",
        Action: "SUCCEED",
        Payload: "2",
      },
    ]);
    expect(r.NewExecutionState?.Operations?.map((o) => [o.Id, o.Status])).toEqual([
      [ID.op1, "SUCCEEDED"],
      [ID.c1_1, "SUCCEEDED"],
    ]);
    first.end(succeeded());
  });

  test("unknown execution", async () => {
    await expect(
      service.checkpointDurableExecution({
        DurableExecutionArn: "arn:nope",
        CheckpointToken: "x",
        Updates: [],
      }),
    ).rejects.toMatchObject({
      name: "InvalidParameterValueException",
      $metadata: { httpStatusCode: 400 },
    });
  });

  test("a terminal update for an unknown operation creates it with only the terminal event", async () => {
    const { arn, first } = await startControlled(service);
    const r = await first.checkpoint([step(ID.op1, "SUCCEED", { Payload: '"v"' })]);
    const op = opById(r.NewExecutionState?.Operations, ID.op1)!;
    expect(op.Status).toBe("SUCCEEDED");
    expect(op.StartTimestamp).toEqual(op.EndTimestamp);
    expect(op.StepDetails).toEqual({ Attempt: 1, Result: '"v"' });
    const h = await service.getDurableExecutionHistory({ DurableExecutionArn: arn });
    expect(h.Events.map((e) => e.EventType)).toEqual(["ExecutionStarted", "StepSucceeded"]);
    first.end(PENDING);
  });
});

describe("checkpoint tokens (PROTOCOL §6.2)", () => {
  let service: DurableExecutionService;
  beforeEach(() => {
    service = new DurableExecutionService({ skipTime: true });
  });
  afterEach(() => service.close());

  const expectInvalidToken = async (p: Promise<unknown>) => {
    const e: any = await p.then(
      () => undefined,
      (err) => err,
    );
    expect(e?.name).toBe("InvalidParameterValueException");
    expect(e.message.startsWith("Invalid Checkpoint Token")).toBe(true);
  };

  test("tokens chain; a consumed token is rejected", async () => {
    const { arn, first } = await startControlled(service);
    const t0 = first.token;
    expect(t0).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    const r = await first.checkpoint([]);
    expect(r.CheckpointToken).not.toBe(t0);
    await expectInvalidToken(
      service.checkpointDurableExecution({
        DurableExecutionArn: arn,
        CheckpointToken: t0,
        Updates: [],
      }),
    );
    first.end(PENDING);
  });

  test("malformed, missing, other-execution tokens are rejected", async () => {
    const a = await startControlled(service);
    const b = await startControlled(service);
    await expectInvalidToken(
      service.checkpointDurableExecution({
        DurableExecutionArn: a.arn,
        CheckpointToken: "!!!",
        Updates: [],
      }),
    );
    await expectInvalidToken(
      service.checkpointDurableExecution({
        DurableExecutionArn: a.arn,
        CheckpointToken: undefined,
        Updates: [],
      }),
    );
    await expectInvalidToken(
      service.checkpointDurableExecution({
        DurableExecutionArn: a.arn,
        CheckpointToken: b.first.token,
        Updates: [],
      }),
    );
    a.first.end(PENDING);
    b.first.end(PENDING);
  });

  test("a token of an invocation that returned, or of an earlier invocation, is rejected", async () => {
    const { arn, fn, first } = await startControlled(service);
    await first.checkpoint([
      {
        Id: ID.op1,
        Type: "WAIT",
        SubType: "Wait",
        Action: "START",
        WaitOptions: { WaitSeconds: 10 },
      },
    ]);
    const stale = first.token;
    first.end(PENDING);
    const second = await fn.next();
    await expectInvalidToken(
      service.checkpointDurableExecution({
        DurableExecutionArn: arn,
        CheckpointToken: stale,
        Updates: [],
      }),
    );
    await expectInvalidToken(first.checkpoint([]));
    await second.checkpoint([]);
    second.end(succeeded());
    await service.waitForExecution(arn);
    await expectInvalidToken(second.checkpoint([]));
  });

  test("getDurableExecutionState does not rotate the token", async () => {
    const { arn, first } = await startControlled(service);
    await service.getDurableExecutionState({
      DurableExecutionArn: arn,
      CheckpointToken: first.token,
    });
    await first.checkpoint([]);
    first.end(PENDING);
  });
});

describe("ClientToken idempotency (PROTOCOL §6.3)", () => {
  test("a repeated ClientToken returns the stored response without re-applying", async () => {
    const service = new DurableExecutionService({ skipTime: true });
    const { arn, first } = await startControlled(service);
    const t0 = first.token;
    const req = {
      DurableExecutionArn: arn,
      CheckpointToken: t0,
      ClientToken: "tok-1",
      Updates: [step(ID.op1, "START")],
    };
    const r1 = await service.checkpointDurableExecution(req);
    const r2 = await service.checkpointDurableExecution(req);
    expect(r2).toEqual(r1);
    const h = await service.getDurableExecutionHistory({ DurableExecutionArn: arn });
    expect(h.Events.filter((e) => e.EventType === "StepStarted")).toHaveLength(1);
    // without a ClientToken the consumed token is rejected
    await expect(
      service.checkpointDurableExecution({ ...req, ClientToken: undefined }),
    ).rejects.toThrow(/^Invalid Checkpoint Token/);
    await expect(service.checkpointDurableExecution({ ...req, ClientToken: "" })).rejects.toThrow(
      "Invalid value for ClientToken",
    );
    first.end(PENDING);
    service.close();
  });
});
