import { AssertionError } from "node:assert";
import { DurableExecutionClientError, withDurableExecution } from "../../src";
import {
  MockDurableExecutionClient,
  checkpointedSteps,
  expectExecuted,
  expectReplayed,
  expectStepsCheckpointed,
  expectUpdatesInOrder,
  operationIdAt,
} from "../../src/testing";

const calls: string[] = [];

const handler = withDurableExecution(async (event: { name: string }, ctx) => {
  const greeting = await ctx.step("greet", async () => {
    calls.push("greet");
    return `hello ${event.name}`;
  });
  await ctx.wait("nap", { hours: 1 });
  const answer = await ctx.waitForCallback<string>("approval", async () => {
    calls.push("submit");
  });
  const shout = await ctx.step("shout", async () => {
    calls.push("shout");
    return greeting.toUpperCase();
  });
  return { shout, answer };
});

beforeEach(() => calls.splice(0));

test("records every update in order and replays finished operations", async () => {
  const client = new MockDurableExecutionClient({ payload: { name: "ada" } });

  const first = await client.invoke(handler);
  expect(first.status).toBe("PENDING");
  expect(first.updates.map((u) => [u.action, u.type, u.name])).toEqual([
    ["START", "STEP", "greet"],
    ["SUCCEED", "STEP", "greet"],
    ["START", "WAIT", "nap"],
  ]);
  expectStepsCheckpointed(client, [{ name: "greet", result: "hello ada" }]);

  expect(client.advance()).toBe(1);
  const second = await client.invoke(handler);
  expect(second.status).toBe("PENDING");
  expectReplayed(client, "greet");
  expectReplayed(client, "nap");
  expectExecuted(client, "approval");
  expect(client.getOperation("approval")?.Type).toBe("CONTEXT");

  client.completeCallback("approval", "yes");
  const third = await client.invoke<{ shout: string; answer: string }>(handler);
  expect(third.status).toBe("SUCCEEDED");
  expect(third.result).toEqual({ shout: "HELLO ADA", answer: "yes" });
  expect(calls).toEqual(["greet", "submit", "shout"]);
  expectStepsCheckpointed(client, ["greet", { name: "shout", result: "HELLO ADA" }]);
  expectStepsCheckpointed(client, ["shout"], { invocation: "last" });
  expectUpdatesInOrder(client, [
    { name: "greet", action: "SUCCEED" },
    { name: "nap", type: "WAIT", action: "START" },
    { name: "approval", type: "CONTEXT", subType: "WaitForCallback", action: "START" },
    { type: "CALLBACK", action: "START" },
    { name: "approval", type: "CONTEXT", action: "SUCCEED", result: "yes" },
    { name: "shout", action: "SUCCEED", result: "HELLO ADA" },
  ]);
  expect(client.invocationCount).toBe(3);
  expect(client.requests.every((r) => r.DurableExecutionArn === client.durableExecutionArn)).toBe(
    true,
  );
});

test("answers with fresh tokens and hands out callback ids", async () => {
  const client = new MockDurableExecutionClient({ payload: { name: "x" } });
  await client.invokeUntilDone(handler);
  const tokens = client.requests.map((r) => r.CheckpointToken);
  expect(new Set(tokens).size).toBe(tokens.length);
  const callback = client.operations.find((op) => op.Type === "CALLBACK");
  expect(callback?.CallbackDetails?.CallbackId).toMatch(/^mock-callback-/);
});

test("invokeUntilDone stops at a callback and finishes after it is answered", async () => {
  const client = new MockDurableExecutionClient({ payload: { name: "bo" } });
  const blocked = await client.invokeUntilDone(handler);
  expect(blocked.status).toBe("PENDING");
  client.completeCallback("approval", "ok");
  const done = await client.invokeUntilDone(handler);
  expect(done).toMatchObject({ status: "SUCCEEDED", result: { shout: "HELLO BO", answer: "ok" } });
});

test("seeded operations are replayed, not run", async () => {
  const client = new MockDurableExecutionClient({
    payload: { name: "zed" },
    operations: [
      {
        Id: operationIdAt(1),
        Type: "STEP",
        Name: "greet",
        SubType: "Step",
        Status: "SUCCEEDED",
        StepDetails: { Attempt: 1, Result: JSON.stringify("recorded hello") },
      },
      { Id: operationIdAt(2), Type: "WAIT", SubType: "Wait", Name: "nap", Status: "SUCCEEDED" },
    ],
  });
  await client.invoke(handler);
  expect(calls).toEqual(["submit"]);
  expectReplayed(client, "greet");
  client.completeCallback("approval", "fine");
  const done = await client.invoke(handler);
  expect(done.result).toEqual({ shout: "RECORDED HELLO", answer: "fine" });
});

test("failed steps, retries and errors are recorded", async () => {
  let attempts = 0;
  const flaky = withDurableExecution(async (_event, ctx) => {
    await ctx.step(
      "flaky",
      async () => {
        attempts++;
        throw new Error(`boom ${attempts}`);
      },
      { retryStrategy: (_e, attempt) => ({ shouldRetry: attempt < 2, delay: { seconds: 5 } }) },
    );
  });
  const client = new MockDurableExecutionClient();
  const result = await client.invokeUntilDone(flaky);
  expect(result.status).toBe("FAILED");
  expect(result.error?.ErrorMessage).toBe("boom 2");
  expect(client.updatesFor("flaky").map((u) => u.action)).toEqual([
    "START",
    "RETRY",
    "START",
    "FAIL",
  ]);
  expectStepsCheckpointed(client, [{ name: "flaky", error: /boom 2/ }]);
  expect(checkpointedSteps(client)[0]).toMatchObject({ status: "FAILED", name: "flaky" });
});

describe("assertion failures are descriptive AssertionErrors", () => {
  let client: MockDurableExecutionClient;
  beforeEach(async () => {
    client = new MockDurableExecutionClient({ payload: { name: "al" } });
    await client.invoke(handler);
  });

  test("wrong order or result", () => {
    expect(() => expectStepsCheckpointed(client, [{ name: "greet", result: "nope" }])).toThrow(
      /step #1: expected result 'nope', got 'hello al'/,
    );
    expect(() => expectStepsCheckpointed(client, ["greet", "shout"])).toThrow(
      /step #2 "shout" was not checkpointed/,
    );
    expect(() => expectStepsCheckpointed(client, [])).toThrow(AssertionError);
  });

  test("executed vs replayed", () => {
    expect(() => expectReplayed(client, "greet")).toThrow(
      /"greet" was executed, not replayed, by the latest invocation: it sent START, SUCCEED/,
    );
    expect(() => expectReplayed(client, "missing")).toThrow(/no operation "missing"/);
    expect(() => expectExecuted(client, "shout")).toThrow(/"shout" was not executed/);
    expect(() => expectUpdatesInOrder(client, [{ name: "nap" }, { name: "greet" }])).toThrow(
      /expected update #2/,
    );
  });

  test("helpers name what they could not find", () => {
    expect(() => client.completeCallback("nope")).toThrow(
      /no CALLBACK operation named or with id "nope"/,
    );
    expect(() => operationIdAt()).toThrow(RangeError);
  });
});

test("checkpoint failures: transient ones are retried, execution-level ones fail the run", async () => {
  const simple = withDurableExecution(async (_e, ctx) => ctx.step("s", async () => 1));
  const transient = new MockDurableExecutionClient();
  transient.failNextCheckpoints(new Error("socket hang up"));
  expect((await transient.invoke(simple)).status).toBe("SUCCEEDED");
  expect(transient.requests.length).toBeGreaterThan(1);

  const fatal = new MockDurableExecutionClient();
  fatal.failNextCheckpoints(
    new DurableExecutionClientError("access denied", { scope: "EXECUTION" }),
  );
  const run = await fatal.invoke(simple);
  expect(run.status).toBe("FAILED");
});

test("a client passed as durableExecutionClient, with invocationInput() as the event", async () => {
  const client = new MockDurableExecutionClient({ payload: { n: 2 } });
  const configured = withDurableExecution(
    async (event: { n: number }, ctx) => ctx.step("square", async () => event.n ** 2),
    { durableExecutionClient: client },
  );
  const output = await configured(client.invocationInput(), {} as never);
  expect(output).toEqual({ Status: "SUCCEEDED", Result: "4" });
  expectStepsCheckpointed(client, [{ name: "square", result: 4 }]);
});

describe("the service's part: callbacks and invokes end as the test says", () => {
  const outcomes = withDurableExecution(async (_event, ctx) => {
    const settle = async (p: Promise<unknown>) =>
      p.then(
        (value) => ({ value }),
        (error: Error) => ({ error: error.constructor.name, message: error.message }),
      );
    const [answer] = await ctx.createCallback("reply", { timeout: { hours: 1 } });
    const reply = await settle(answer);
    const priced = await settle(ctx.invoke("price", "pricing-function", { sku: "tea" }));
    return { reply, priced };
  });

  test("timeOutCallback and completeInvoke", async () => {
    const client = new MockDurableExecutionClient();
    expect((await client.invoke(outcomes)).status).toBe("PENDING");
    client.timeOutCallback("reply");
    expect((await client.invoke(outcomes)).status).toBe("PENDING");
    expect(client.updatesFor("price").map((u) => u.raw.ChainedInvokeOptions)).toEqual([
      { FunctionName: "pricing-function" },
    ]);
    client.completeInvoke("price", JSON.stringify(3.5));
    const done = await client.invoke(outcomes);
    expect(done.result).toEqual({
      reply: { error: "CallbackTimeoutError", message: expect.any(String) },
      priced: { value: 3.5 },
    });
  });

  test("failCallback and failInvoke", async () => {
    const client = new MockDurableExecutionClient();
    await client.invoke(outcomes);
    client.failCallback("reply", { ErrorType: "Refused", ErrorMessage: "no thanks" });
    await client.invoke(outcomes);
    client.failInvoke("price", { ErrorType: "Boom", ErrorMessage: "pricing down" });
    const done = await client.invoke(outcomes);
    expect(done.result).toEqual({
      reply: { error: "CallbackExternalError", message: "no thanks" },
      priced: { error: "InvokeError", message: "pricing down" },
    });
  });
});
