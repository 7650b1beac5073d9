import { LambdaClient } from "@aws-sdk/client-lambda";
import {
  CloudDurableTestRunner,
  fetchRecentRecordings,
  fetchRecording,
  startHttpService,
  verifyReplay,
  type HttpServiceHandle,
} from "../../src/testing";
import { useLocalLambdaEndpoint } from "../e2e/aws-env";
import { bodies, orderV1, orderV2 } from "./fixtures/order-handlers";

let http: HttpServiceHandle;
let restoreEnv: () => void;
let client: LambdaClient;

beforeAll(async () => {
  http = await startHttpService({
    serviceOptions: { skipTime: true },
    handlers: { orders: orderV1 },
    configureEnvironment: false,
  });
  restoreEnv = useLocalLambdaEndpoint(http.url);
  client = new LambdaClient({});
  const runner = new CloudDurableTestRunner({
    functionName: "orders",
    client,
    config: { pollInterval: 10 },
  });
  for (const orderId of ["a-1", "a-2", "a-3"]) {
    const result = await runner.run({ payload: { orderId, items: 1 } });
    expect(result.getStatus()).toBe("SUCCEEDED");
  }
});

afterAll(async () => {
  client.destroy();
  await http.close();
  restoreEnv();
});

beforeEach(() => (bodies.count = 0));

test("the last N executions of a function, fetched through the real LambdaClient (AWS_ENDPOINT_URL_LAMBDA)", async () => {
  // No client passed: the default LambdaClient finds the endpoint in the environment.
  const recordings = await fetchRecentRecordings("orders", 2);
  expect(recordings).toHaveLength(2);
  expect(
    recordings.map((r) => JSON.parse(r.operations[0].ExecutionDetails!.InputPayload!)),
  ).toEqual([
    { orderId: "a-3", items: 1 },
    { orderId: "a-2", items: 1 },
  ]);
  for (const recording of recordings) {
    expect(recording.durableExecutionArn).toMatch(/^arn:/);
    expect(recording.source).toBe(recording.durableExecutionArn);
    const report = await verifyReplay(orderV1, recording);
    expect(report).toMatchObject({ verdict: "verified", recordedStatus: "SUCCEEDED" });
    expect(report.durableExecutionArn).toBe(recording.durableExecutionArn);
  }
  expect(bodies.count).toBe(0);
});

test("one execution by ARN, replayed against changed code", async () => {
  const [latest] = await fetchRecentRecordings("orders", 1, { client });
  const recording = await fetchRecording(latest.durableExecutionArn!);
  expect(recording.result).toBe('{"orderId":"a-3","label":"LBL-a-3"}');
  const report = await verifyReplay(orderV2, recording);
  expect(report.divergence).toMatchObject({
    kind: "mismatch",
    path: 'RunInChildContext "ship" (3) > Step "label" (3-1)',
  });
  expect(bodies.count).toBe(0);
});
