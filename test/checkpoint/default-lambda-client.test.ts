/**
 * The default transport's own `LambdaClient`: how it is configured, that one is shared by every
 * `DurableExecutionApiClient` of the process, and that a failure to load or build it is not
 * remembered (the next call tries again). Each test loads the transport in a fresh module
 * registry with `@aws-sdk/client-lambda` wrapped to observe it; the requests go to a local
 * server through the real client.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type * as Transport from "../../src/checkpoint/durable-execution-api-client";
import { useLocalLambdaEndpoint } from "../e2e/aws-env";

type LambdaModule = typeof import("@aws-sdk/client-lambda");

const ARN = "arn:aws:lambda:us-east-1:123456789012:function:f:$LATEST/durable-execution/n/id";
const REQUEST = { DurableExecutionArn: ARN, CheckpointToken: "token-1" };

let server: Server;
let restoreEnv: () => void;

beforeAll(async () => {
  server = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ Operations: [] }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  restoreEnv = useLocalLambdaEndpoint(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});

afterAll(async () => {
  restoreEnv();
  await new Promise((resolve) => server.close(resolve));
});

afterEach(() => jest.dontMock("@aws-sdk/client-lambda"));

/**
 * Loads the transport in a fresh registry; `lambdaModule` builds what `@aws-sdk/client-lambda`
 * exports there (it may throw to make the import fail).
 */
function loadTransport(lambdaModule: (actual: LambdaModule) => LambdaModule): typeof Transport {
  jest.resetModules();
  jest.doMock("@aws-sdk/client-lambda", () =>
    lambdaModule(jest.requireActual<LambdaModule>("@aws-sdk/client-lambda")),
  );
  return jest.requireActual<typeof Transport>("../../src/checkpoint/durable-execution-api-client");
}

/** `actual` with a LambdaClient that records the configuration of every instance built. */
function recordingConstructions(actual: LambdaModule, configs: unknown[]): LambdaModule {
  class RecordedLambdaClient extends actual.LambdaClient {
    constructor(...args: ConstructorParameters<typeof actual.LambdaClient>) {
      configs.push(args[0]);
      super(...args);
    }
  }
  return { ...actual, LambdaClient: RecordedLambdaClient };
}

test("one LambdaClient for the process, with bounded connect (5 s), socket (50 s) and request (55 s) timeouts that throw", async () => {
  const configs: unknown[] = [];
  const { DurableExecutionApiClient } = loadTransport((actual) =>
    recordingConstructions(actual, configs),
  );
  await new DurableExecutionApiClient().getExecutionState(REQUEST);
  await new DurableExecutionApiClient().getExecutionState(REQUEST);
  await new DurableExecutionApiClient().checkpoint(REQUEST);
  expect(configs).toEqual([
    {
      customUserAgent: [[expect.any(String), expect.any(String)]],
      requestHandler: {
        connectionTimeout: 5000,
        socketTimeout: 50_000,
        requestTimeout: 55_000,
        throwOnRequestTimeout: true,
      },
    },
  ]);
});

test("a failed import of @aws-sdk/client-lambda is not remembered: the next call loads it again", async () => {
  let imports = 0;
  const { DurableExecutionApiClient } = loadTransport((actual) => {
    imports++;
    if (imports === 1) throw new Error("cannot load @aws-sdk/client-lambda");
    return actual;
  });
  // The constructor starts the import early; it fails, quietly.
  const client = new DurableExecutionApiClient();
  await new Promise((resolve) => setImmediate(resolve));
  expect(imports).toBe(1);
  await expect(client.getExecutionState(REQUEST)).resolves.toMatchObject({ Operations: [] });
  expect(imports).toBe(2);
});

test("a LambdaClient that could not be built is not remembered: the next call builds one", async () => {
  let builds = 0;
  const { DurableExecutionApiClient } = loadTransport((actual) => {
    class FailingOnceLambdaClient extends actual.LambdaClient {
      constructor(...args: ConstructorParameters<typeof actual.LambdaClient>) {
        builds++;
        if (builds === 1) throw new Error("no region configured");
        super(...args);
      }
    }
    return { ...actual, LambdaClient: FailingOnceLambdaClient };
  });
  const client = new DurableExecutionApiClient();
  await expect(client.getExecutionState(REQUEST)).rejects.toThrow("no region configured");
  await expect(client.getExecutionState(REQUEST)).resolves.toMatchObject({ Operations: [] });
  expect(builds).toBe(2);
});
