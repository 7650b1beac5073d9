/**
 * CloudDurableTestRunner behaviour that only the cloud runner has: parameter checks, the
 * Lambda calls it makes (Invoke, GetDurableExecution, paged GetDurableExecutionHistory,
 * SendDurableExecutionCallback*), synchronous invocation, retries of failed reads, and
 * functions that are not durable. Runs against the embedded service over HTTP.
 */
import { GetDurableExecutionHistoryCommand, InvokeCommand } from "@aws-sdk/client-lambda";
import { CloudDurableTestRunner, InvocationType } from "../../../src/testing";
import { HistoryReader } from "../../../src/testing/cloud/history-reader";
import { pollExecution } from "../../../src/testing/cloud/execution-poller";
import type { Event } from "../../../src/testing";
import { CloudHarness } from "./runner-harness";

const harness = new CloudHarness(1); // no AWS SDK retries: the runner's own retries show

beforeAll(async () => {
  await harness.start();
  harness.http.service.registerFunction("plain", async () => ({ ok: true }));
});
afterAll(() => harness.stop());
beforeEach(() => {
  harness.requests.length = 0;
  harness.faults = undefined;
});

describe("parameters", () => {
  test.each([
    [{}, "functionName is required"],
    [{ functionName: "" }, "functionName is required"],
    [{ functionName: 42 }, "functionName is required: the name or ARN"],
    [{ functionName: "f", config: { pollInterval: -5 } }, "config.pollInterval must be a number"],
    [{ functionName: "f", config: { pollInterval: "10" } }, "config.pollInterval must be a number"],
    [
      { functionName: "f", config: { invocationType: "Async" } },
      "config.invocationType must be one of",
    ],
    [{ functionName: "f", config: "fast" }, "config must be an object"],
  ])("%j is refused", (params, message) => {
    expect(() => new CloudDurableTestRunner(params as never)).toThrow(TypeError);
    expect(() => new CloudDurableTestRunner(params as never)).toThrow(message);
  });

  test("no parameters at all are refused with a hint", () => {
    expect(() => new (CloudDurableTestRunner as any)()).toThrow(
      'CloudDurableTestRunner needs parameters: new CloudDurableTestRunner({ functionName: "my-function:alias" }).',
    );
  });

  test("config values left undefined keep their defaults", async () => {
    const runner = new CloudDurableTestRunner({
      functionName: "echo",
      client: harness.client,
      config: { invocationType: undefined, pollInterval: undefined },
    });
    // Still RequestResponse (not "InvocationType.undefined"): waiting is refused as such.
    await expect(runner.getOperation("echo").waitForData()).rejects.toThrow(
      "InvocationType.RequestResponse cannot wait for operation data.",
    );
    const result = await runner.run({ payload: "default" });
    expect(result.getResult()).toEqual({ received: "default" });
    expect(result.getStatus()).toBe("SUCCEEDED");
    // Data a handle already has is handed out even without InvocationType.Event.
    const echo = runner.getOperation("echo");
    expect(await echo.waitForData()).toBe(echo);
  });
});

describe("Lambda calls", () => {
  test("run() invokes under a fresh execution name and reads status and paged history", async () => {
    const runner = harness.runner("orders");
    const result = await runner.run({ payload: { orderId: "o-9", amount: 3 } });
    expect(result.getResult()).toEqual({ charged: 3, reservation: "r-o-9", status: "done" });

    const byRunner = harness.requests.filter(
      (r) =>
        r.operation !== "CheckpointDurableExecution" && r.operation !== "GetDurableExecutionState",
    );
    expect(byRunner[0]).toMatchObject({ operation: "Invoke", labels: { FunctionName: "orders" } });
    expect(JSON.parse(byRunner[0].body)).toEqual({ orderId: "o-9", amount: 3 });
    const history = byRunner.filter((r) => r.operation === "GetDurableExecutionHistory");
    expect(history.length).toBeGreaterThan(0);
    expect(history[0].url).toContain("IncludeExecutionData=true");
    expect(history[0].url).toContain("MaxItems=1000");
    expect(byRunner.some((r) => r.operation === "GetDurableExecution")).toBe(true);

    const listed = await harness.http.service.listDurableExecutionsByFunction({
      FunctionName: "orders",
    });
    expect(listed.DurableExecutions[0].DurableExecutionName).toMatch(/^test-[0-9a-f-]{36}$/);
  });

  test("callback answers go through SendDurableExecutionCallbackSuccess", async () => {
    const runner = harness.runner("approvals", { invocationType: InvocationType.Event });
    const approval = runner.getOperation("approval");
    const running = runner.run({ payload: { requestId: "q-7" } });
    await approval.waitForData();
    const callbackId = approval.getCallbackDetails()?.callbackId as string;
    const answer = await approval.sendCallbackSuccess('{"approved":false,"by":"bob"}');
    // The cloud answer is the AWS SDK's response, with its metadata.
    expect((answer as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode).toBe(
      200,
    );
    expect((await running).getResult()).toEqual({ requestId: "q-7", approved: false, by: "bob" });

    const sent = harness.requests.filter(
      (r) => r.operation === "SendDurableExecutionCallbackSuccess",
    );
    expect(sent).toHaveLength(1);
    expect(sent[0].labels.CallbackId).toBe(callbackId);
    expect(sent[0].body).toBe('{"approved":false,"by":"bob"}');
  });

  test("heartbeats and failures go through their Lambda calls", async () => {
    const runner = harness.runner("payments", { invocationType: InvocationType.Event });
    const payment = runner.getOperation("payment");
    const running = runner.run();
    await payment.waitForData();
    await payment.sendCallbackHeartbeat();
    await payment.sendCallbackFailure({ ErrorType: "Declined", ErrorMessage: "no funds" });
    expect((await running).getStatus()).toBe("FAILED");

    const names = harness.requests.map((r) => r.operation);
    expect(names).toContain("SendDurableExecutionCallbackHeartbeat");
    const failure = harness.requests.find(
      (r) => r.operation === "SendDurableExecutionCallbackFailure",
    );
    expect(JSON.parse(failure?.body as string)).toEqual({
      ErrorType: "Declined",
      ErrorMessage: "no funds",
    });
  });
});

describe("other end states", () => {
  test("an execution stopped from outside ends the run as STOPPED", async () => {
    const runner = harness.runner("payments", { invocationType: InvocationType.Event });
    const payment = runner.getOperation("payment");
    const running = runner.run();
    await payment.waitForData();
    const listed = await harness.http.service.listDurableExecutionsByFunction({
      FunctionName: "payments",
      Statuses: ["RUNNING"],
    });
    expect(listed.DurableExecutions).toHaveLength(1);
    await harness.http.service.stopDurableExecution({
      DurableExecutionArn: listed.DurableExecutions[0].DurableExecutionArn,
      Error: { ErrorType: "Cancelled", ErrorMessage: "stopped by the test" },
    });
    const result = await running;

    expect(result.getStatus()).toBe("STOPPED");
    expect(result.getError()).toMatchObject({
      errorType: "Cancelled",
      errorMessage: "stopped by the test",
    });
    expect(() => result.getResult()).toThrow("stopped by the test");
    // an invocation still running at the stop may record its InvocationCompleted afterwards
    const executionEvents = result
      .getHistoryEvents()
      .filter((e) => e.EventType?.startsWith("Execution"));
    expect(executionEvents.at(-1)?.EventType).toBe("ExecutionStopped");
  });
});

describe("invocation types", () => {
  test("RequestResponse (the default) runs to the end in the invoke call", async () => {
    const runner = new CloudDurableTestRunner({
      functionName: "failing-step",
      client: harness.client,
      config: { pollInterval: 10 },
    });
    const result = await runner.run({ payload: {} });
    expect(result.getStatus()).toBe("FAILED");
    expect(result.getError().errorType).toBe("StepError");
  });

  test("waitForData needs InvocationType.Event", async () => {
    const runner = harness.runner("echo", { invocationType: InvocationType.RequestResponse });
    await expect(runner.getOperation("echo").waitForData()).rejects.toThrow(
      "InvocationType.RequestResponse cannot wait for operation data. Use InvocationType.Event to wait for operation data.",
    );
  });

  test("a function that is not durable is reported", async () => {
    const runner = harness.runner("plain");
    await expect(runner.run()).rejects.toThrow(
      "No execution ARN found on invocation response. Is the function specified a durable function?",
    );
  });

  test("an unknown function rejects with the service's error", async () => {
    const runner = harness.runner("nowhere");
    await expect(runner.run()).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });
});

describe("resilience", () => {
  test("a failed history read is retried", async () => {
    let failures = 0;
    harness.faults = (request) => {
      if (request.operation !== "GetDurableExecutionHistory" || failures > 0) return undefined;
      failures++;
      return { type: "error", name: "ServiceException", status: 500 };
    };
    const result = await harness.runner("echo").run({ payload: "again" });
    expect(failures).toBe(1);
    expect(result.getResult()).toEqual({ received: "again" });
    expect(
      harness.requests.filter((r) => r.operation === "GetDurableExecutionHistory").length,
    ).toBeGreaterThanOrEqual(2);
  });

  test("a read that keeps failing rejects after three tries", async () => {
    const started = await harness.client.send(
      new InvokeCommand({ FunctionName: "echo", Payload: '"x"' }),
    );
    harness.faults = (request) =>
      request.operation === "GetDurableExecution"
        ? { type: "error", name: "ServiceException", status: 500, message: "down for now" }
        : undefined;
    await expect(
      pollExecution({
        client: harness.client,
        durableExecutionArn: started.DurableExecutionArn as string,
        pollInterval: 1,
        onEvents: () => undefined,
        retryPauses: [1, 1],
      }),
    ).rejects.toThrow("down for now");
    expect(harness.requests.filter((r) => r.operation === "GetDurableExecution")).toHaveLength(3);
  });
});

describe("history paging", () => {
  async function fullHistory(arn: string): Promise<Event[]> {
    const page = await harness.client.send(
      new GetDurableExecutionHistoryCommand({ DurableExecutionArn: arn, MaxItems: 1000 }),
    );
    return page.Events as Event[];
  }

  test("the reader follows markers and returns each event once while the history grows", async () => {
    const started = await harness.client.send(
      new InvokeCommand({
        FunctionName: "payments",
        InvocationType: "Event",
        Payload: "{}",
      }),
    );
    const arn = started.DurableExecutionArn as string;
    const reader = new HistoryReader(harness.client, arn, 2, [1, 1]);
    const seen: Event[] = [];
    // Until the callback exists, the history grows; read it in pages of two.
    let callbackId: string | undefined;
    while (!callbackId) {
      seen.push(...(await reader.readNew()));
      callbackId = seen.find((e) => e.EventType === "CallbackStarted")?.CallbackStartedDetails
        ?.CallbackId;
    }
    await harness.http.service.sendDurableExecutionCallbackSuccess({
      CallbackId: callbackId,
      Result: '"paid"',
    });
    await harness.http.service.waitForExecution(arn);
    seen.push(...(await reader.readNew()));
    expect(await reader.readNew()).toEqual([]);

    const reads = harness.requests.filter((r) => r.operation === "GetDurableExecutionHistory");
    const all = await fullHistory(arn);
    expect(all.length).toBeGreaterThan(4); // several pages of two
    expect(seen.map((e) => e.EventId)).toEqual(all.map((e) => e.EventId));
    expect(seen.map((e) => e.EventType)).toEqual(all.map((e) => e.EventType));
    expect(reads.some((r) => r.url.includes("Marker="))).toBe(true);
    expect(reads.every((r) => r.url.includes("MaxItems=2"))).toBe(true);
  });
});
