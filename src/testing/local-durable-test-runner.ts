/** `LocalDurableTestRunner`: runs a durable handler on the embedded service. */
import type { Handler } from "aws-lambda";
import type { ErrorObject } from "../types/wire";
import type { ExecutionStatus } from "./enums";
import { DataWaiters } from "./data-waiters";
import { type HandleHost, OperationHandle, type ViewSource } from "./operation-handle";
import { type OperationLocator, OperationView } from "./operation-view";
import type { DurableExecutionService } from "./service/durable-execution-service";
import type {
  DurableLambdaHandler,
  ExecutionObserver,
  RegisteredFunction,
} from "./service/api/service-types";
import { ChangeSignal } from "./change-signal";
import { ProgressWatch } from "./progress-watch";
import { RunTestResult } from "./test-result";
import { waitingReport } from "./waiting-report";
import { requireService, setupEnvironment, teardownEnvironment } from "./test-environment";
import type {
  DurableOperation,
  DurableTestRunner,
  InvokeRequest,
  LocalDurableTestRunnerParameters,
  LocalDurableTestRunnerSetupParameters,
  TestResult,
} from "./types";

/** Function name under which runner executions are started (matches the Lambda context). */
const RUNNER_FUNCTION_NAME = "my-function-name";

/**
 * Runs a durable handler in process against the embedded durable execution service, and
 * gives access to its operations, history and callbacks.
 *
 * @example
 * ```ts
 * beforeAll(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
 * afterAll(() => LocalDurableTestRunner.teardownTestEnvironment());
 *
 * test("order workflow", async () => {
 *   const runner = new LocalDurableTestRunner({ handlerFunction: handler });
 *   const result = await runner.run({ payload: { orderId: "42" } });
 *   expect(result.getStatus()).toBe("SUCCEEDED");
 *   expect(runner.getOperation("charge").getStepDetails()?.attempt).toBe(1);
 * });
 * ```
 */
export class LocalDurableTestRunner<TResult = any> implements DurableTestRunner<
  DurableOperation,
  TResult
> {
  private readonly handler: DurableLambdaHandler;
  private readonly changes = new ChangeSignal();
  private lastResult: TestResult<TResult> | undefined;
  private readonly functions = new Map<string, RegisteredFunction>();
  private source: ViewSource = { view: new OperationView() };
  private runningSource: ViewSource | undefined;
  private readonly waiters = new DataWaiters();
  private readonly host: HandleHost;

  constructor(private readonly params: LocalDurableTestRunnerParameters) {
    this.handler = params.handlerFunction;
    this.host = {
      callbacks: () => requireService(),
      isRunning: (source) => this.runningSource === source || !source.finished,
      addWaiter: (waiter) => this.waiters.add(waiter),
    };
  }

  /** Sets up the process-wide test environment (call once, e.g. in `beforeAll`). */
  static setupTestEnvironment(params?: LocalDurableTestRunnerSetupParameters): Promise<void> {
    return setupEnvironment(params);
  }

  /** Tears the test environment down and clears every timer of the embedded service. */
  static teardownTestEnvironment(): Promise<void> {
    return teardownEnvironment();
  }

  /** Registers a durable function as a chained-invoke target. */
  registerDurableFunction(functionName: string, durableHandler: DurableLambdaHandler): this {
    this.functions.set(functionName, { kind: "durable", handler: durableHandler });
    return this;
  }

  /** Registers a plain Lambda handler as a chained-invoke target. */
  registerFunction(functionName: string, handler: Handler): this {
    this.functions.set(functionName, { kind: "plain", handler });
    return this;
  }

  /** The `index`-th operation named `name` (default 0), in first-seen order. */
  getOperation<T = any>(name: string, index = 0): DurableOperation<T> {
    return this.handle({ kind: "name", name, index });
  }

  /** The `index`-th operation of the execution in first-seen order (negative counts from the end). */
  getOperationByIndex<T = any>(index: number): DurableOperation<T> {
    return this.handle({ kind: "index", index });
  }

  /** The `index`-th operation named `name`. */
  getOperationByNameAndIndex<T = any>(name: string, index: number): DurableOperation<T> {
    return this.handle({ kind: "name", name, index });
  }

  /** The operation with that id. */
  getOperationById<T = any>(id: string): DurableOperation<T> {
    return this.handle({ kind: "id", id });
  }

  /** Forgets operations, history and waiters; handlers and registered targets are kept. */
  reset(): void {
    this.waiters.settleAll();
    this.source = { view: new OperationView() };
  }

  /** Runs one execution to its end and returns an immutable snapshot of it. */
  async run(params?: InvokeRequest): Promise<TestResult<TResult>> {
    const service = requireService();
    const source = this.source;
    const view = new OperationView();
    source.view = view;
    source.finished = false;
    this.runningSource = source;
    this.lastResult = undefined;
    const payload = params?.payload === undefined ? "{}" : JSON.stringify(params.payload);

    let fail!: (error: Error) => void;
    const failed = new Promise<never>((_, reject) => {
      fail = reject;
    });
    let arn = "";
    const watch = new ProgressWatch({
      isBlocked: () => arn !== "" && service.isBlocked(arn),
      report: (quietMs) =>
        process.stderr.write(waitingReport(arn, service.waitingCallbacks(arn), quietMs)),
      reject: () => fail(new Error(this.blockedMessage(service, arn))),
      reportAfterMs: this.params.reportWaitingAfter,
      rejectAfterMs: this.params.noProgressTimeout,
    });
    const observer: ExecutionObserver = {
      onOperation: (op) => {
        view.upsert(op);
        this.waiters.check();
        this.changes.notify();
      },
      onEvent: (event) => {
        view.addEvent(event);
        watch.progress();
        this.changes.notify();
      },
      onUnknownFunction: (name) =>
        fail(
          new Error(
            `No function found for function name ${name}.\n` +
              `Please configure the function handler for "${name}" with LocalDurableTestRunner.registerFunctions.`,
          ),
        ),
      onInvalidOutput: (message) =>
        fail(
          new Error(
            `The handler did not return a durable invocation output (${message}). Is it wrapped with withDurableExecution?`,
          ),
        ),
      onBlocked: () => watch.blocked(),
    };

    try {
      const started = await service.startDurableExecution(
        { FunctionName: this.params.functionName ?? RUNNER_FUNCTION_NAME, Payload: payload },
        {
          handler: this.registeredHandler(),
          functions: this.functions,
          observer,
          faultInjection: this.params.faultInjection,
        },
      );
      arn = started.DurableExecutionArn;
      let description;
      try {
        description = await Promise.race([service.waitForExecution(arn), failed]);
      } catch (error) {
        const e = error as Error;
        service.failExecution(arn, {
          ErrorType: e.name,
          ErrorMessage: e.message || "Internal failure",
        });
        throw error;
      }
      const result = new RunTestResult<TResult>(
        view.snapshot(),
        description.Status as ExecutionStatus,
        description.Result,
        description.Error as ErrorObject | undefined,
        this.host,
      );
      this.lastResult = result;
      return result;
    } finally {
      watch.stop();
      if (this.runningSource === source) this.runningSource = undefined;
      source.finished = true;
      this.waiters.settleAll();
      this.changes.notify();
    }
  }

  /**
   * The execution as it is right now: while `run()` is in progress, a snapshot of its
   * operations and its full history so far (including `InvocationCompleted` events) with
   * status `RUNNING`; after the run, the run's result. Safe to call at any moment.
   *
   * @example
   * ```ts
   * const pending = runner.run();
   * await runner.getOperation("approval").waitForData();
   * const now = runner.snapshot();
   * expect(now.getStatus()).toBe("RUNNING");
   * expect(now.getInvocations()).toHaveLength(1);
   * ```
   */
  snapshot(): TestResult<TResult> {
    if (this.lastResult && !this.runningSource) return this.lastResult;
    const view = this.source.view;
    const op = view.executionOperation;
    const status = !op || op.Status === "STARTED" ? "RUNNING" : (op.Status as ExecutionStatus);
    return new RunTestResult<TResult>(view.snapshot(), status, undefined, undefined, this.host);
  }

  /**
   * Resolves with a fresh {@link snapshot} at the next change of the running execution (an
   * operation update or a history event), or at once when no run is in progress.
   *
   * @example
   * ```ts
   * const pending = runner.run();
   * let state = runner.snapshot();
   * while (state.getStatus() === "RUNNING") {
   *   console.log(state.getHistoryEvents().at(-1)?.EventType);
   *   state = await runner.nextChange();
   * }
   * ```
   */
  async nextChange(): Promise<TestResult<TResult>> {
    if (this.runningSource) await this.changes.next();
    return this.snapshot();
  }

  private registeredHandler(): RegisteredFunction {
    return { kind: "durable", handler: this.handler };
  }

  private blockedMessage(service: DurableExecutionService, arn: string): string {
    const open = service
      .waitingCallbacks(arn)
      .map((c) => (c.name ? `"${c.name}" (${c.callbackId})` : c.operationId))
      .join(", ");
    return (
      `The execution cannot make progress: it is waiting for callback(s) ${open || "(none)"} that nobody completed ` +
      `within noProgressTimeout (${this.params.noProgressTimeout} ms), and no wait, retry or timeout is pending. ` +
      "Complete the callback from the test while run() is in progress (operation.sendCallbackSuccess/Failure), " +
      "or give the callback a timeout."
    );
  }

  private handle<T>(locator: OperationLocator): DurableOperation<T> {
    return new OperationHandle<T>(this.source, locator, this.host);
  }
}
