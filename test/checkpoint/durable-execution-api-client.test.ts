/**
 * The default transport on its own: a recording HTTP server stands in for the Lambda durable
 * execution API, and `DurableExecutionApiClient` talks to it through the real
 * `@aws-sdk/client-lambda` — its own default client (configured by the standard environment
 * variables) or a `LambdaClient` given to it.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { DurableExecutionApiClient } from "../../src/checkpoint/durable-execution-api-client";
import type { DurableLogger } from "../../src/types/logger";
import { SDK_NAME, SDK_VERSION } from "../../src/version";
import { localLambdaEnv, useLocalLambdaEndpoint } from "../e2e/aws-env";

interface Recorded {
  method: string;
  url: string;
  userAgent: string;
  body: string;
}

const ARN = "arn:aws:lambda:us-east-1:123456789012:function:f:$LATEST/durable-execution/n/id";

let server: Server;
let url: string;
let restoreEnv: () => void;
const requests: Recorded[] = [];
/** The next reply; by default a successful one for the operation asked. */
let reply: ((request: Recorded) => { status: number; headers?: object; body: object }) | undefined;

function read(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => resolve(body));
  });
}

beforeAll(async () => {
  server = createServer(async (request, response) => {
    const recorded: Recorded = {
      method: request.method!,
      url: decodeURIComponent(request.url!),
      userAgent: String(request.headers["user-agent"]),
      body: await read(request),
    };
    requests.push(recorded);
    const answer = reply?.(recorded) ?? {
      status: 200,
      body: recorded.url.includes("/checkpoint")
        ? { CheckpointToken: "token-2", NewExecutionState: { Operations: [] } }
        : { Operations: [{ Id: "exec", Type: "EXECUTION", Status: "STARTED" }] },
    };
    response.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
    response.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  restoreEnv = useLocalLambdaEndpoint(url);
});

afterAll(async () => {
  restoreEnv();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  requests.length = 0;
  reply = undefined;
});

function recordingLogger(): { logger: DurableLogger; errors: unknown[][] } {
  const errors: unknown[][] = [];
  const logger = {
    error: (...args: unknown[]) => errors.push(args),
    warn: () => undefined,
    info: () => undefined,
    debug: () => undefined,
  } as unknown as DurableLogger;
  return { logger, errors };
}

test("without a client it uses its own LambdaClient, configured by the environment and naming this SDK", async () => {
  const client = new DurableExecutionApiClient();
  const state = await client.getExecutionState({
    DurableExecutionArn: ARN,
    CheckpointToken: "token-1",
    Marker: "m-1",
  });
  expect(state.Operations).toEqual([{ Id: "exec", Type: "EXECUTION", Status: "STARTED" }]);
  const response = await client.checkpoint({
    DurableExecutionArn: ARN,
    CheckpointToken: "token-1",
    ClientToken: "client-token-1",
    Updates: [{ Id: "op", Type: "STEP", Action: "START" }],
  });
  expect(response.CheckpointToken).toBe("token-2");

  expect(requests.map((r) => [r.method, r.url.split("?")[0]])).toEqual([
    ["GET", `/2025-12-01/durable-executions/${ARN}/state`],
    ["POST", `/2025-12-01/durable-executions/${ARN}/checkpoint`],
  ]);
  expect(requests[0].url).toContain("CheckpointToken=token-1");
  expect(requests[0].url).toContain("Marker=m-1");
  expect(JSON.parse(requests[1].body)).toEqual({
    CheckpointToken: "token-1",
    ClientToken: "client-token-1",
    Updates: [{ Id: "op", Type: "STEP", Action: "START" }],
  });
  for (const request of requests) {
    expect(request.userAgent).toContain(`${SDK_NAME}/${SDK_VERSION}`);
  }
});

test("a LambdaClient given to it is the one that sends (its own endpoint, not the environment's)", async () => {
  const elsewhere = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "application/json" });
    response.end(
      JSON.stringify({ Operations: [{ Id: "given", Type: "EXECUTION", Status: "STARTED" }] }),
    );
  });
  await new Promise<void>((resolve) => elsewhere.listen(0, "127.0.0.1", resolve));
  try {
    const env = localLambdaEnv(url);
    const lambda = new LambdaClient({
      endpoint: `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`,
      region: env.AWS_REGION,
      credentials: {
        accessKeyId: env.AWS_ACCESS_KEY_ID,
        secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
      },
    });
    const state = await new DurableExecutionApiClient(lambda).getExecutionState({
      DurableExecutionArn: ARN,
      CheckpointToken: "token-1",
    });
    expect(state.Operations?.[0].Id).toBe("given");
    expect(requests).toEqual([]);
  } finally {
    await new Promise((resolve) => elsewhere.close(resolve));
  }
});

test.each([
  ["getExecutionState", "Failed to get durable execution state"],
  ["checkpoint", "Failed to checkpoint durable execution"],
] as const)(
  "a failed %s is logged as an ERROR with the service's request id, then rethrown unchanged",
  async (method, message) => {
    reply = () => ({
      status: 400,
      headers: {
        "x-amzn-errortype": "InvalidParameterValueException",
        "x-amzn-requestid": "req-42",
      },
      body: { message: "Invalid checkpoint token" },
    });
    const { logger, errors } = recordingLogger();
    const client = new DurableExecutionApiClient();
    const call =
      method === "checkpoint"
        ? client.checkpoint({ DurableExecutionArn: ARN, CheckpointToken: "bad" }, logger)
        : client.getExecutionState({ DurableExecutionArn: ARN, CheckpointToken: "bad" }, logger);
    const error = await call.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      name: "InvalidParameterValueException",
      message: "Invalid checkpoint token",
      $metadata: { httpStatusCode: 400, requestId: "req-42" },
    });
    expect(errors).toEqual([[message, error, { requestId: "req-42" }]]);
  },
);

test("a failure without a logger is rethrown all the same", async () => {
  reply = () => ({
    status: 400,
    headers: { "x-amzn-errortype": "InvalidParameterValueException" },
    body: { message: "Invalid checkpoint token" },
  });
  await expect(
    new DurableExecutionApiClient().checkpoint({
      DurableExecutionArn: ARN,
      CheckpointToken: "bad",
    }),
  ).rejects.toMatchObject({ name: "InvalidParameterValueException" });
});

test.each<[string, unknown]>([
  ["an error without service metadata (a network error)", new Error("socket hang up")],
  ["a rejection without any error", undefined],
])("%s is logged without a request id and rethrown as it came", async (_title, thrown) => {
  const failing = {
    send: async () => {
      throw thrown;
    },
  } as unknown as LambdaClient;
  const { logger, errors } = recordingLogger();
  const call = new DurableExecutionApiClient(failing).checkpoint(
    { DurableExecutionArn: ARN, CheckpointToken: "t" },
    logger,
  );
  await expect(call).rejects.toBe(thrown);
  expect(errors).toEqual([
    ["Failed to checkpoint durable execution", thrown, { requestId: undefined }],
  ]);
});
