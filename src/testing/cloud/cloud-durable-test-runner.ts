/**
 * `CloudDurableTestRunner`: runs a deployed durable function through the
 * Lambda API and gives the same view of it as `LocalDurableTestRunner` gives of a local run.
 */
import { LambdaClient } from "@aws-sdk/client-lambda";
import { DataWaiters } from "../data-waiters";
import { InvocationType } from "../enums";
import {
  type CallbackSender,
  type HandleHost,
  OperationHandle,
  type ViewSource,
} from "../operation-handle";
import { type OperationLocator, OperationView } from "../operation-view";
import type { Event } from "../service/state/history-event";
import { RunTestResult } from "../test-result";
import type { DurableOperation, DurableTestRunner, InvokeRequest, TestResult } from "../types";
import {
  type CloudDurableTestRunnerParameters,
  type ResolvedCloudConfig,
  resolveCloudParameters,
} from "./cloud-runner-options";
import { pollExecution } from "./execution-poller";
import { lambdaCallbackSender } from "./lambda-callback-sender";
import { OperationsFromHistory } from "./operations-from-history";
import { startExecution } from "./start-execution";

/**
 * Runs a deployed durable function and lets a test inspect it: `run()` invokes the function,
 * follows the execution through `GetDurableExecution` and `GetDurableExecutionHistory` until
 * it has finished, and rebuilds its operations from the history. Operation handles work as
 * with `LocalDurableTestRunner`; their callback methods call the Lambda callback API.
 *
 * Needs `lambda:InvokeFunction`, `lambda:GetDurableExecution` and
 * `lambda:GetDurableExecutionHistory` on the function, and the three
 * `lambda:SendDurableExecutionCallback*` actions for tests that answer callbacks.
 *
 * @example
 * ```ts
 * import { CloudDurableTestRunner, InvocationType } from "@aws/durable-execution-sdk-js/testing";
 *
 * const runner = new CloudDurableTestRunner({
 *   functionName: "order-workflow:live",
 *   config: { invocationType: InvocationType.Event, pollInterval: 500 },
 * });
 *
 * const approval = runner.getOperation("approval");
 * const running = runner.run({ payload: { orderId: "o-1" } });
 * await approval.waitForData();
 * await approval.sendCallbackSuccess(JSON.stringify({ approved: true }));
 * const result = await running;
 * expect(result.getStatus()).toBe("SUCCEEDED");
 * ```
 */
export class CloudDurableTestRunner<TResult = any> implements DurableTestRunner<
  DurableOperation,
  TResult
> {
  private readonly functionName: string;
  private readonly config: ResolvedCloudConfig;
  private lambdaClient: LambdaClient | undefined;
  private sender: CallbackSender | undefined;
  private source: ViewSource = { view: new OperationView() };
  private runningSource: ViewSource | undefined;
  private readonly waiters = new DataWaiters();
  private readonly host: HandleHost;

  /**
   * Checks the parameters (a missing `functionName` or a bad config value throws a
   * `TypeError` naming it). The default client is created on first use.
   *
   * @example
   * ```ts
   * const runner = new CloudDurableTestRunner({ functionName: "greeter:1" });
   * ```
   */
  constructor(params: CloudDurableTestRunnerParameters) {
    const resolved = resolveCloudParameters(params);
    this.functionName = resolved.functionName;
    this.config = resolved.config;
    this.lambdaClient = params.client;
    this.host = {
      callbacks: () => (this.sender ??= lambdaCallbackSender(this.client)),
      isRunning: (source) => this.runningSource === source || !source.finished,
      addWaiter: (waiter) => this.waiters.add(waiter),
      waitUnsupportedReason: () =>
        this.config.invocationType === InvocationType.Event
          ? undefined
          : `InvocationType.${this.config.invocationType} cannot wait for operation data. ` +
            "Use InvocationType.Event to wait for operation data.",
    };
  }

  /**
   * Invokes the function with `params.payload` (as JSON; nothing is sent when it is
   * `undefined`), waits until the execution has finished, and returns a snapshot of it.
   * Rejects when the function is not durable or when reading the execution keeps failing.
   *
   * @example
   * ```ts
   * const result = await runner.run({ payload: { name: "Ada" } });
   * expect(result.getStatus()).toBe("SUCCEEDED");
   * expect(result.getResult()).toEqual({ greeting: "Hello, Ada" });
   * ```
   */
  async run(params?: InvokeRequest): Promise<TestResult<TResult>> {
    const source = this.source;
    const view = new OperationView();
    source.view = view;
    this.runningSource = source;
    try {
      const durableExecutionArn = await startExecution(this.client, {
        functionName: this.functionName,
        invocationType: this.config.invocationType,
        payload: params?.payload,
      });
      const operations = new OperationsFromHistory();
      const outcome = await pollExecution({
        client: this.client,
        durableExecutionArn,
        pollInterval: this.config.pollInterval,
        onEvents: (events: Event[]) => {
          for (const event of events) {
            const op = operations.apply(event);
            if (op) view.upsert(op);
            view.addEvent(event);
          }
          this.waiters.check();
        },
      });
      return new RunTestResult<TResult>(
        view.snapshot(),
        outcome.status,
        outcome.result,
        outcome.error,
        this.host,
      );
    } finally {
      if (this.runningSource === source) this.runningSource = undefined;
      source.finished = true;
      this.waiters.settleAll();
    }
  }

  /**
   * The first operation named `name`, in the order operations were first seen.
   *
   * @example
   * ```ts
   * const charge = runner.getOperation<{ charged: boolean }>("charge");
   * await runner.run();
   * expect(charge.getStepDetails()?.result).toEqual({ charged: true });
   * ```
   */
  getOperation<TOperationResult = any>(name: string): DurableOperation<TOperationResult> {
    return this.handle({ kind: "name", name, index: 0 });
  }

  /**
   * The `index`-th operation of the execution in first-seen order (negative counts from the end).
   *
   * @example
   * ```ts
   * const first = runner.getOperationByIndex(0);
   * await runner.run();
   * expect(first.getType()).toBe("STEP");
   * ```
   */
  getOperationByIndex<TOperationResult = any>(index: number): DurableOperation<TOperationResult> {
    return this.handle({ kind: "index", index });
  }

  /**
   * The `index`-th operation named `name` (0 is the first).
   *
   * @example
   * ```ts
   * const secondPoll = runner.getOperationByNameAndIndex("poll", 1);
   * await runner.run();
   * expect(secondPoll.getStatus()).toBe("SUCCEEDED");
   * ```
   */
  getOperationByNameAndIndex<TOperationResult = any>(
    name: string,
    index: number,
  ): DurableOperation<TOperationResult> {
    return this.handle({ kind: "name", name, index });
  }

  /**
   * The operation with that id.
   *
   * @example
   * ```ts
   * const result = await runner.run();
   * const id = result.getOperations()[0].getId() as string;
   * expect(runner.getOperationById(id).getName()).toBe("reserve");
   * ```
   */
  getOperationById<TOperationResult = any>(id: string): DurableOperation<TOperationResult> {
    return this.handle({ kind: "id", id });
  }

  /**
   * Forgets the operations and history of earlier runs and rejects pending `waitForData`
   * calls; handles taken before are detached from later runs.
   *
   * @example
   * ```ts
   * afterEach(() => runner.reset());
   * ```
   */
  reset(): void {
    this.waiters.settleAll();
    this.source = { view: new OperationView() };
  }

  private get client(): LambdaClient {
    return (this.lambdaClient ??= new LambdaClient());
  }

  private handle<T>(locator: OperationLocator): DurableOperation<T> {
    return new OperationHandle<T>(this.source, locator, this.host);
  }
}
