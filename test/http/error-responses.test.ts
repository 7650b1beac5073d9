/**
 * The service's errors over HTTP, as the real LambdaClient sees them: error name, HTTP
 * status, fault and message (which the client reads from `message` or `Message` depending
 * on the shape), plus the raw answers: `X-Amzn-ErrorType`, `X-Amzn-RequestId`, body casing.
 */
import {
  CheckpointDurableExecutionCommand,
  GetDurableExecutionCommand,
  GetDurableExecutionStateCommand,
  InvokeCommand,
  LambdaClient,
  ListDurableExecutionsByFunctionCommand,
  SendDurableExecutionCallbackFailureCommand,
  SendDurableExecutionCallbackHeartbeatCommand,
  SendDurableExecutionCallbackSuccessCommand,
} from "@aws-sdk/client-lambda";
import { withDurableExecution } from "../../src";
import { startHttpService, type HttpServiceHandle } from "../../src/testing/http/serve";
import { localLambdaEnv } from "../e2e/aws-env";
import { openCallbackId } from "./open-callback";

let http: HttpServiceHandle;
let client: LambdaClient;
let throttle = false;

const waitsForCallback = withDurableExecution(async (_event: unknown, context) => {
  const [answer] = await context.createCallback<string>("approval");
  return await answer;
});

beforeAll(async () => {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
  http = await startHttpService({
    serviceOptions: { skipTime: true },
    handlers: { approvals: waitsForCallback },
    faults: () =>
      throttle
        ? {
            type: "error",
            name: "TooManyRequestsException",
            message: "Rate exceeded",
            retryAfterSeconds: 1,
          }
        : undefined,
  });
  const env = localLambdaEnv(http.url);
  client = new LambdaClient({
    endpoint: http.url,
    region: env.AWS_REGION,
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY },
    maxAttempts: 1,
  });
});

afterAll(async () => {
  client?.destroy();
  await http?.close();
});

afterEach(() => {
  throttle = false;
});

/** The JSON body of a response, untyped. */
const json = (response: Response): Promise<any> => response.json();

/** The rejection of `promise`, which must reject. */
async function failure(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

/** Starts an execution blocked on a callback; returns its ARN and callback id. */
async function openCallback(): Promise<{ arn: string; callbackId: string }> {
  const { DurableExecutionArn: arn } = await http.service.startDurableExecution({
    FunctionName: "approvals",
  });
  return { arn, callbackId: await openCallbackId(http.service, arn) };
}

test("unknown execution: ResourceNotFoundException, 404, message from `Message`", async () => {
  const arn =
    "arn:aws:lambda:us-east-1:123456789012:function:nope:$LATEST/durable-execution/x/00000000-0000-0000-0000-000000000000";
  const error = await failure(
    client.send(new GetDurableExecutionCommand({ DurableExecutionArn: arn })),
  );
  expect(error.name).toBe("ResourceNotFoundException");
  expect(error.$metadata.httpStatusCode).toBe(404);
  expect(error.$fault).toBe("client");
  expect(error.message).toBe(`Durable execution not found: ${arn}`);
  expect(error.Type).toBe("User");
  expect(error.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
});

test("unknown function: ResourceNotFoundException for list and Invoke", async () => {
  const listed = await failure(
    client.send(new ListDurableExecutionsByFunctionCommand({ FunctionName: "missing" })),
  );
  expect(listed.name).toBe("ResourceNotFoundException");
  expect(listed.message).toContain("function:missing");
  const invoked = await failure(client.send(new InvokeCommand({ FunctionName: "missing" })));
  expect(invoked.name).toBe("ResourceNotFoundException");
  expect(invoked.$metadata.httpStatusCode).toBe(404);
});

test("stale or foreign checkpoint tokens: InvalidParameterValueException, 400, message from `message`", async () => {
  const { arn } = await openCallback();
  const error = await failure(
    client.send(
      new CheckpointDurableExecutionCommand({
        DurableExecutionArn: arn,
        CheckpointToken: Buffer.from('{"bogus":true}').toString("base64"),
        Updates: [],
      }),
    ),
  );
  expect(error.name).toBe("InvalidParameterValueException");
  expect(error.$metadata.httpStatusCode).toBe(400);
  expect(error.message).toMatch(/^Invalid Checkpoint Token/);
  const state = await failure(
    client.send(
      new GetDurableExecutionStateCommand({ DurableExecutionArn: arn, CheckpointToken: "AAAA" }),
    ),
  );
  expect(state.name).toBe("InvalidParameterValueException");
  expect(state.message).toMatch(/^Invalid Checkpoint Token/);
});

test("callbacks: malformed id is InvalidParameterValueException; a closed one is CallbackTimeoutException", async () => {
  const malformed = await failure(
    client.send(
      new SendDurableExecutionCallbackHeartbeatCommand({ CallbackId: "not+base64/json=" }),
    ),
  );
  expect(malformed.name).toBe("InvalidParameterValueException");
  expect(malformed.$metadata.httpStatusCode).toBe(400);

  const { arn, callbackId } = await openCallback();
  // base64 ids contain + / = : they must survive the path encoding.
  await client.send(
    new SendDurableExecutionCallbackSuccessCommand({
      CallbackId: callbackId,
      Result: new TextEncoder().encode('"yes"'),
    }),
  );
  const done = await http.service.waitForExecution(arn);
  // The raw bytes are the callback's result; the handler returned that string.
  expect(JSON.parse(done.Result as string)).toBe('"yes"');

  const again = await failure(
    client.send(
      new SendDurableExecutionCallbackFailureCommand({
        CallbackId: callbackId,
        Error: { ErrorType: "Late", ErrorMessage: "too late" },
      }),
    ),
  );
  expect(again.name).toBe("CallbackTimeoutException");
  expect(again.$metadata.httpStatusCode).toBe(400);
  expect(again.message).toBe("The durable execution of this callback has already ended.");
});

test("throttling: TooManyRequestsException, 429, with Retry-After", async () => {
  throttle = true;
  const error = await failure(
    client.send(new ListDurableExecutionsByFunctionCommand({ FunctionName: "approvals" })),
  );
  expect(error.name).toBe("TooManyRequestsException");
  expect(error.$metadata.httpStatusCode).toBe(429);
  expect(error.message).toBe("Rate exceeded");
  expect(error.retryAfterSeconds).toBe("1");
});

test("raw answers: X-Amzn-ErrorType, X-Amzn-RequestId, Type and message casing", async () => {
  const notFound = await fetch(`${http.url}/2025-12-01/durable-executions/arn%3Anope`);
  expect(notFound.status).toBe(404);
  expect(notFound.headers.get("x-amzn-errortype")).toBe("ResourceNotFoundException");
  expect(notFound.headers.get("x-amzn-requestid")).toMatch(/^[0-9a-f-]{36}$/);
  expect(notFound.headers.get("content-type")).toBe("application/json");
  expect(await json(notFound)).toEqual({
    Type: "User",
    Message: "Durable execution not found: arn:nope",
  });

  const badToken = await fetch(`${http.url}/2025-12-01/durable-executions/arn%3Anope/checkpoint`, {
    method: "POST",
    body: "{not json",
  });
  expect(badToken.status).toBe(400);
  expect(badToken.headers.get("x-amzn-errortype")).toBe("InvalidRequestContentException");
  expect(await json(badToken)).toEqual({
    Type: "User",
    message: "Could not parse request body into json.",
  });

  const unknownRoute = await fetch(`${http.url}/2025-12-01/nothing-here`);
  expect(unknownRoute.status).toBe(404);
  expect(unknownRoute.headers.get("x-amzn-errortype")).toBe("UnknownOperationException");

  const badQuery = await fetch(
    `${http.url}/2025-12-01/functions/approvals/durable-executions?MaxItems=ten`,
  );
  expect(badQuery.status).toBe(400);
  expect(badQuery.headers.get("x-amzn-errortype")).toBe("InvalidParameterValueException");
  expect(Object.keys(await json(badQuery))).toEqual(["Type", "message"]);

  throttle = true;
  const throttled = await fetch(`${http.url}/2025-12-01/functions/approvals/durable-executions`);
  expect(throttled.status).toBe(429);
  expect(throttled.headers.get("retry-after")).toBe("1");
  expect(await json(throttled)).toEqual({ Type: "User", message: "Rate exceeded" });
});

test("server faults: ServiceException, 500, Type Service", async () => {
  const injected = await startHttpService({
    faults: () => ({ type: "error" }),
  });
  try {
    const response = await fetch(`${injected.url}/2025-12-01/functions/f/durable-executions`);
    expect(response.status).toBe(500);
    expect(response.headers.get("x-amzn-errortype")).toBe("ServiceException");
    expect(await json(response)).toEqual({
      Type: "Service",
      Message: "Injected fault for ListDurableExecutionsByFunction.",
    });
  } finally {
    await injected.close();
  }
});
