/**
 * End to end, with nothing mocked between the handler and the service: the embedded service
 * is served over HTTP; the handler gets a plain JSON envelope, so the SDK's default
 * transport (DurableExecutionApiClient over the real @aws-sdk/client-lambda, configured by
 * AWS_ENDPOINT_URL_LAMBDA) checkpoints over HTTP; a separate node process completes the
 * callback with SendDurableExecutionCallbackSuccessCommand; the history is read back with
 * GetDurableExecutionHistoryCommand.
 */
import { execFile } from "node:child_process";
import * as path from "node:path";
import {
  GetDurableExecutionCommand,
  GetDurableExecutionHistoryCommand,
  InvokeCommand,
  LambdaClient,
  ListDurableExecutionsByFunctionCommand,
} from "@aws-sdk/client-lambda";
import { withDurableExecution } from "../../src";
import type { HttpRequestInfo } from "../../src/testing/http/durable-http-server";
import { startHttpService, type HttpServiceHandle } from "../../src/testing/http/serve";
import { childEnv, useLocalLambdaEndpoint } from "./aws-env";

const SEND_CALLBACK = path.join(__dirname, "fixtures", "send-callback-success.mjs");

let published: (callbackId: string) => void = () => undefined;
const stepRuns: string[] = [];

const orderWorkflow = withDurableExecution(async (event: { orderId: string }, context) => {
  const reservation = await context.step("reserve", async () => {
    stepRuns.push("reserve");
    return { reservation: `r-${event.orderId}` };
  });
  await context.wait("cool-off", { seconds: 30 });
  const [approval, callbackId] = await context.createCallback<string>("approval");
  await context.step("publish-callback-id", async () => {
    stepRuns.push("publish-callback-id");
    published(callbackId);
  });
  const answer = JSON.parse(await approval) as { approved: boolean; by: string };
  const receipt = await context.step("charge", async () => {
    stepRuns.push("charge");
    return { charged: answer.approved, reservation: reservation.reservation };
  });
  return { ...receipt, approvedBy: answer.by };
});

let http: HttpServiceHandle;
let restoreEnv: () => void;
let client: LambdaClient;
const requests: HttpRequestInfo[] = [];

beforeAll(async () => {
  http = await startHttpService({
    serviceOptions: { skipTime: true },
    handlers: { orders: orderWorkflow },
    handlerTransport: "lambda-api",
    configureEnvironment: false, // done explicitly below, with the standard variables
    onRequest: (request) => requests.push(request),
  });
  restoreEnv = useLocalLambdaEndpoint(http.url);
  client = new LambdaClient({ maxAttempts: 1 });
});

afterAll(async () => {
  client?.destroy();
  await http?.close();
  restoreEnv?.();
});

function sendCallbackFromAnotherProcess(callbackId: string, result: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [SEND_CALLBACK, callbackId, result],
      { env: childEnv(http.url), timeout: 8000 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${error.message}\n${stderr}`));
        else resolve(JSON.parse(stdout));
      },
    );
  });
}

test("steps, a wait and a callback run over HTTP through the real AWS SDK", async () => {
  const callbackId = new Promise<string>((resolve) => (published = resolve));

  // Start the execution with the Lambda Invoke call, asynchronously, with a name.
  const started = await client.send(
    new InvokeCommand({
      FunctionName: "orders",
      InvocationType: "Event",
      DurableExecutionName: "order-42",
      Payload: JSON.stringify({ orderId: "42" }),
    }),
  );
  expect(started.StatusCode).toBe(202);
  const arn = started.DurableExecutionArn as string;
  expect(arn).toMatch(
    /^arn:aws:lambda:us-east-1:123456789012:function:orders:\$LATEST\/durable-execution\/order-42\/[0-9a-f-]{36}$/,
  );

  // The handler blocks on the callback; a separate process answers it.
  const id = await callbackId;
  const sent = await sendCallbackFromAnotherProcess(
    id,
    JSON.stringify({ approved: true, by: "child-process" }),
  );
  expect(sent).toEqual({ status: 200, requestId: expect.any(String) });

  const done = await http.service.waitForExecution(arn);
  expect(done.Status).toBe("SUCCEEDED");
  expect(JSON.parse(done.Result as string)).toEqual({
    charged: true,
    reservation: "r-42",
    approvedBy: "child-process",
  });
  // Each step ran once although the handler was invoked (and replayed) several times.
  expect(stepRuns).toEqual(["reserve", "publish-callback-id", "charge"]);

  // The SDK's checkpoints and state reads reached the server over HTTP.
  const operations = new Set(requests.map((r) => r.operation));
  expect(operations).toContain("CheckpointDurableExecution");
  expect(operations).toContain("SendDurableExecutionCallbackSuccess");
  const checkpoint = requests.find((r) => r.operation === "CheckpointDurableExecution");
  expect(checkpoint?.labels.DurableExecutionArn).toBe(arn);
  expect(JSON.parse(checkpoint?.body as string).ClientToken).toMatch(/^[0-9a-f-]{36}$/);

  // The history, read back through the real client: event types in order.
  const history = await client.send(
    new GetDurableExecutionHistoryCommand({ DurableExecutionArn: arn, MaxItems: 1000 }),
  );
  const events = history.Events ?? [];
  const summary = events.map((e) => (e.Name ? `${e.EventType}:${e.Name}` : e.EventType));
  expect(summary).toEqual([
    "ExecutionStarted",
    "StepStarted:reserve",
    "StepSucceeded:reserve",
    "WaitStarted:cool-off",
    "InvocationCompleted",
    "WaitSucceeded:cool-off",
    "CallbackStarted:approval",
    "StepStarted:publish-callback-id",
    "StepSucceeded:publish-callback-id",
    "InvocationCompleted",
    "CallbackSucceeded:approval",
    "StepStarted:charge",
    "StepSucceeded:charge",
    "InvocationCompleted",
    "ExecutionSucceeded",
  ]);
  expect(events.map((e) => e.EventId)).toEqual(events.map((_, i) => i + 1));
  // Timestamps travelled as epoch seconds and came back as Dates.
  for (const e of events) expect(e.EventTimestamp).toBeInstanceOf(Date);
  const callbackEvent = events.find((e) => e.EventType === "CallbackSucceeded");
  expect(callbackEvent?.CallbackSucceededDetails?.Result?.Payload).toBe(
    JSON.stringify({ approved: true, by: "child-process" }),
  );
  const started0 = events[0];
  expect(started0.ExecutionStartedDetails?.Input?.Payload).toBe('{"orderId":"42"}');

  // The tool APIs agree.
  const description = await client.send(
    new GetDurableExecutionCommand({ DurableExecutionArn: arn }),
  );
  expect(description).toMatchObject({
    DurableExecutionName: "order-42",
    Status: "SUCCEEDED",
    FunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:orders:$LATEST",
  });
  expect(description.StartTimestamp).toBeInstanceOf(Date);
  expect(description.EndTimestamp!.getTime()).toBeGreaterThanOrEqual(
    description.StartTimestamp!.getTime(),
  );
  const listed = await client.send(
    new ListDurableExecutionsByFunctionCommand({ FunctionName: "orders" }),
  );
  expect(listed.DurableExecutions?.map((e) => e.DurableExecutionArn)).toEqual([arn]);
});

test("a synchronous Invoke answers with the execution's result", async () => {
  published = (callbackId) => {
    void sendCallbackFromAnotherProcess(callbackId, '{"approved":false,"by":"sync"}');
  };
  const response = await client.send(
    new InvokeCommand({ FunctionName: "orders", Payload: JSON.stringify({ orderId: "7" }) }),
  );
  expect(response.StatusCode).toBe(200);
  expect(response.FunctionError).toBeUndefined();
  expect(response.ExecutedVersion).toBe("$LATEST");
  expect(response.DurableExecutionArn).toContain(":function:orders:$LATEST/durable-execution/");
  expect(JSON.parse(Buffer.from(response.Payload as Uint8Array).toString("utf8"))).toEqual({
    charged: false,
    reservation: "r-7",
    approvedBy: "sync",
  });
});
