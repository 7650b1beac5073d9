/**
 * The two ways the runner tests run a workflow: `LocalDurableTestRunner` in process, and
 * `CloudDurableTestRunner` against the embedded service served over HTTP, reached by the real
 * `@aws-sdk/client-lambda` through `AWS_ENDPOINT_URL_LAMBDA` with dummy credentials. The
 * handlers behind HTTP checkpoint over HTTP too (`handlerTransport: "lambda-api"`).
 */
import { LambdaClient } from "@aws-sdk/client-lambda";
import {
  CloudDurableTestRunner,
  type CloudDurableTestRunnerConfig,
  type DurableOperation,
  type DurableTestRunner,
  InvocationType,
  LocalDurableTestRunner,
} from "../../../src/testing";
import { startHttpService, type HttpServiceHandle } from "../../../src/testing/http/serve";
import type {
  HttpFaultInjector,
  HttpRequestInfo,
} from "../../../src/testing/http/durable-http-server";
import { useLocalLambdaEndpoint } from "../../e2e/aws-env";
import { WORKFLOWS, type WorkflowName } from "./workflows";

/** A runner of either kind, as tests use it. */
export type AnyRunner = DurableTestRunner<DurableOperation, any> & { reset(): void };

/** Creates runners of one kind. */
export interface RunnerKind {
  readonly name: string;
  setup(): Promise<void>;
  teardown(): Promise<void>;
  create(workflow: WorkflowName): AnyRunner;
}

/** `LocalDurableTestRunner` with time skipping. */
export const localKind: RunnerKind = {
  name: "LocalDurableTestRunner",
  setup: () => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }),
  teardown: () => LocalDurableTestRunner.teardownTestEnvironment(),
  create: (workflow) => new LocalDurableTestRunner({ handlerFunction: WORKFLOWS[workflow] }),
};

/** The HTTP face with every workflow deployed, and a client pointed at it. */
export class CloudHarness {
  http!: HttpServiceHandle;
  client!: LambdaClient;
  readonly requests: HttpRequestInfo[] = [];
  /** Faults to inject into the HTTP face (resilience tests); none by default. */
  faults: HttpFaultInjector | undefined;
  private restoreEnv: (() => void) | undefined;

  constructor(private readonly clientAttempts?: number) {}

  async start(): Promise<void> {
    this.http = await startHttpService({
      serviceOptions: { skipTime: true },
      handlers: WORKFLOWS,
      handlerTransport: "lambda-api",
      configureEnvironment: false, // done below with the standard variables
      onRequest: (request) => this.requests.push(request),
      faults: (request) => this.faults?.(request),
    });
    this.restoreEnv = useLocalLambdaEndpoint(this.http.url);
    this.client = new LambdaClient({ maxAttempts: this.clientAttempts });
  }

  async stop(): Promise<void> {
    this.client?.destroy();
    await this.http?.close();
    this.restoreEnv?.();
  }

  /** A cloud runner for the function deployed as `functionName`. */
  runner(functionName: string, config?: CloudDurableTestRunnerConfig): CloudDurableTestRunner {
    return new CloudDurableTestRunner({
      functionName,
      client: this.client,
      config: { pollInterval: 10, ...config },
    });
  }
}

/** `CloudDurableTestRunner` over HTTP, invoked asynchronously so tests can answer callbacks. */
export function cloudKind(): RunnerKind {
  const harness = new CloudHarness();
  return {
    name: "CloudDurableTestRunner",
    setup: () => harness.start(),
    teardown: () => harness.stop(),
    create: (workflow) => harness.runner(workflow, { invocationType: InvocationType.Event }),
  };
}
