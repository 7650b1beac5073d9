/**
 * Shared set-up of the fault tests: the HTTP face of the embedded service with a switchable
 * fault injector, and a two-step durable workflow that checkpoints through the SDK's default
 * transport (the real @aws-sdk/client-lambda over HTTP, pointed at the server by
 * AWS_ENDPOINT_URL_LAMBDA). The default client is created once per module registry and
 * keeps its endpoint, so each test file uses one server for all its tests.
 */
import { withDurableExecution } from "../../src";
import type { DurableExecutionInvocationOutput } from "../../src";
import type { HttpFault, HttpRequestInfo } from "../../src/testing/http/durable-http-server";
import { startHttpService, type HttpServiceHandle } from "../../src/testing/http/serve";
import type { GetDurableExecutionResponse } from "../../src/testing/service/api/service-types";
import { useLocalLambdaEndpoint } from "../e2e/aws-env";

/** What one invocation of the wrapped handler did. */
export type InvocationOutcome =
  { kind: "returned"; output: DurableExecutionInvocationOutput } | { kind: "threw"; error: Error };

/** A running harness. */
export interface FaultHarness {
  http: HttpServiceHandle;
  /** Every request the server recognised, in order. */
  requests: HttpRequestInfo[];
  /** Every invocation outcome, in order. */
  outcomes: InvocationOutcome[];
  /** The current fault rule; `undefined` serves normally. */
  fault: ((request: HttpRequestInfo) => HttpFault | undefined) | undefined;
  /** Clear `fault` as soon as an invocation throws (so the retried invocation succeeds). */
  clearFaultOnThrow: boolean;
  /** Starts an execution of the workflow and waits for its end. */
  run(): Promise<{ arn: string; done: GetDurableExecutionResponse }>;
  close(): Promise<void>;
}

/** Starts a harness; call `close()` in `afterAll`. */
export async function startFaultHarness(): Promise<FaultHarness> {
  const workflow = withDurableExecution(async (event: { n: number }, context) => {
    const a = await context.step("first", async () => event.n + 1);
    const b = await context.step("second", async () => a * 10);
    return { a, b };
  });
  const harness = {
    requests: [] as HttpRequestInfo[],
    outcomes: [] as InvocationOutcome[],
    fault: undefined,
    clearFaultOnThrow: true,
  } as unknown as FaultHarness;
  const http = await startHttpService({
    serviceOptions: { skipTime: true, invocationRetries: 2 },
    handlerTransport: "lambda-api",
    configureEnvironment: false,
    handlers: {
      workflow: async (event, context) => {
        try {
          const output = await workflow(event, context);
          harness.outcomes.push({ kind: "returned", output });
          return output;
        } catch (error) {
          harness.outcomes.push({ kind: "threw", error: error as Error });
          if (harness.clearFaultOnThrow) harness.fault = undefined;
          throw error;
        }
      },
    },
    onRequest: (request) => harness.requests.push(request),
    faults: (request) => harness.fault?.(request),
  });
  const restoreEnv = useLocalLambdaEndpoint(http.url);
  // The SDK logs every failed checkpoint as an ERROR line; keep the test output readable.
  const write = process.stderr.write;
  const quiet = jest
    .spyOn(process.stderr, "write")
    .mockImplementation(((chunk: unknown, ...rest: unknown[]) =>
      typeof chunk === "string" && chunk.includes('"message":"Failed to checkpoint')
        ? true
        : (write as (...args: unknown[]) => boolean).call(
            process.stderr,
            chunk,
            ...rest,
          )) as never);
  harness.http = http;
  harness.run = async () => {
    const { DurableExecutionArn: arn } = await http.service.startDurableExecution({
      FunctionName: "workflow",
      Payload: JSON.stringify({ n: 4 }),
    });
    return { arn, done: await http.service.waitForExecution(arn) };
  };
  harness.close = async () => {
    await http.close();
    restoreEnv();
    quiet.mockRestore();
  };
  return harness;
}

/** The checkpoint requests the server saw. */
export function checkpointCalls(requests: readonly HttpRequestInfo[]): HttpRequestInfo[] {
  return requests.filter((r) => r.operation === "CheckpointDurableExecution");
}

/** The ClientToken of a checkpoint request. */
export function clientTokenOf(request: HttpRequestInfo): string {
  return (JSON.parse(request.body) as { ClientToken: string }).ClientToken;
}

/**
 * Starts one harness for the test file (beforeAll), resets its records and fault before each
 * test, and closes it afterwards. Returns a getter for the harness.
 */
export function useFaultHarness(): () => FaultHarness {
  let harness: FaultHarness | undefined;
  beforeAll(async () => {
    harness = await startFaultHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });
  beforeEach(() => {
    harness!.requests.length = 0;
    harness!.outcomes.length = 0;
    harness!.fault = undefined;
  });
  return () => harness!;
}
