/**
 * The embedded durable execution service: an in-process emulator of the Lambda durable
 * execution state machine. Its public methods mirror the REST operations of
 * the Lambda durable execution API one-to-one; errors are thrown as `DurableServiceError`s shaped like AWS
 * SDK service exceptions. Time is a virtual clock owned by the service.
 *
 * This class is a facade: the work is done by the modules it wires together.
 */
import type {
  CheckpointDurableExecutionRequest,
  CheckpointDurableExecutionResponse,
  ErrorObject,
  GetDurableExecutionStateRequest,
  GetDurableExecutionStateResponse,
  Operation,
} from "../../types/wire";
import {
  listOpenCallbacks,
  sendCallbackFailure,
  sendCallbackHeartbeat,
  sendCallbackSuccess,
} from "./api/callback-api";
import { checkpoint, executionState } from "./api/checkpoint-api";
import { EmbeddedServiceCore } from "./embedded-service-core";
import { completeExecution, stopExecution } from "./state/execution-completion";
import { describeExecution } from "./api/execution-description";
import { listExecutions } from "./api/execution-listing";
import { isBlocked } from "./state/execution-progress";
import { copyOperation } from "./state/execution-record";
import { startExecution } from "./state/execution-start";
import type { ExecutionStore } from "./state/execution-store";
import { copyError } from "./state/history-event";
import { historyPage } from "./api/history-paging";
import type { InvocationRecord } from "./state/invocation-record";
import type { DurableExecutionServiceOptions } from "./service-options";
import { validateQualifier } from "./api/start-request";
import type {
  DurableLambdaHandler,
  ExecutionObserver,
  ExecutionWatcher,
  FunctionRegistry,
  GetDurableExecutionHistoryRequest,
  GetDurableExecutionHistoryResponse,
  GetDurableExecutionRequest,
  GetDurableExecutionResponse,
  ListDurableExecutionsByFunctionRequest,
  ListDurableExecutionsByFunctionResponse,
  PlainLambdaHandler,
  RegisteredFunction,
  SendDurableExecutionCallbackFailureRequest,
  SendDurableExecutionCallbackHeartbeatRequest,
  SendDurableExecutionCallbackSuccessRequest,
  StartDurableExecutionRequest,
  StartDurableExecutionResponse,
  StartExecutionOptions,
  StopDurableExecutionRequest,
  StopDurableExecutionResponse,
} from "./api/service-types";
import type { VirtualClock } from "./timers/virtual-clock";
import { waitingCallbacks, type WaitingCallback } from "./state/waiting-operations";

export type { DurableExecutionServiceOptions } from "./service-options";

/**
 * The embedded durable execution service.
 *
 * @example
 * ```ts
 * const service = new DurableExecutionService({ skipTime: true });
 * service.registerDurableFunction("orders", handler);
 * const { DurableExecutionArn } = await service.startDurableExecution({ FunctionName: "orders", Payload: "{}" });
 * const done = await service.waitForExecution(DurableExecutionArn);
 * console.log(done.Status, done.Result);
 * service.close();
 * ```
 */
export class DurableExecutionService {
  /** The service's virtual clock. */
  readonly clock: VirtualClock;
  private readonly core: EmbeddedServiceCore;
  private readonly store: ExecutionStore;

  constructor(private readonly options: DurableExecutionServiceOptions = {}) {
    this.core = new EmbeddedServiceCore(options);
    this.clock = this.core.runtime.clock;
    this.store = this.core.store;
  }

  /** True when the service jumps its clock over idle time. */
  get skipTime(): boolean {
    return this.options.skipTime ?? false;
  }

  /** Current virtual time. */
  now(): Date {
    return this.clock.date();
  }

  // ---------------------------------------------------------------- functions

  /** Registers a durable function (what `withDurableExecution` returns) under a name. */
  registerDurableFunction(functionName: string, handler: DurableLambdaHandler): this {
    this.store.registerFunction(functionName, { kind: "durable", handler });
    return this;
  }

  /** Registers a plain Lambda handler (a chained-invoke target) under a name. */
  registerFunction(functionName: string, handler: PlainLambdaHandler): this {
    this.store.registerFunction(functionName, { kind: "plain", handler });
    return this;
  }

  /** Looks a function reference up: exact key first, then the bare function name. */
  resolveFunction(ref: string, scope?: FunctionRegistry): RegisteredFunction | undefined {
    return this.store.resolveFunction(ref, scope);
  }

  /**
   * Refuses a qualifier that is not `$LATEST`, a version number or an alias name, as Lambda
   * does (`ValidationException` when it breaks the model's pattern, else
   * `ResourceNotFoundException`). No-op for `undefined` or `""`.
   *
   * @example
   * ```ts
   * service.checkQualifier("orders", "live"); // fine: an alias name
   * service.checkQualifier("orders", "a.b"); // throws ValidationException
   * ```
   */
  checkQualifier(functionName: string, qualifier: string | undefined): void {
    validateQualifier(this.core, functionName, qualifier);
  }

  // ---------------------------------------------------------------- start

  /**
   * Starts a durable execution of a registered function (the Lambda `Invoke` of a durable
   * function). Returns at once; the first invocation runs asynchronously.
   * A second start with the same execution name returns the existing execution when the
   * payload is the same, and fails with `DurableExecutionAlreadyStartedException` otherwise.
   */
  async startDurableExecution(
    request: StartDurableExecutionRequest,
    options: StartExecutionOptions = {},
  ): Promise<StartDurableExecutionResponse> {
    return startExecution(this.core, request, options, undefined);
  }

  /**
   * Resolves with the execution's description once it has reached a terminal status and its
   * last invocation (if one was still running) has ended.
   */
  async waitForExecution(durableExecutionArn: string): Promise<GetDurableExecutionResponse> {
    const exec = this.store.requireExecution(durableExecutionArn);
    await exec.settled();
    return describeExecution(exec, true);
  }

  /** Attaches an observer to an execution; returns a function that detaches it. */
  observe(durableExecutionArn: string, observer: ExecutionObserver): () => void {
    const exec = this.store.requireExecution(durableExecutionArn);
    return exec.addObserver(observer);
  }

  /**
   * Calls `watcher` for every execution started from now on (chained-invoke children
   * included) and attaches the observer it returns. Returns a function that stops watching.
   *
   * @example
   * ```ts
   * const stop = service.watchExecutions(({ DurableExecutionName }) => ({
   *   onEvent: (event) => console.log(DurableExecutionName, event.EventType, event.Name ?? ""),
   * }));
   * ```
   */
  watchExecutions(watcher: ExecutionWatcher): () => void {
    this.core.watchers.add(watcher);
    return () => this.core.watchers.delete(watcher);
  }

  // ---------------------------------------------------------------- checkpoint API

  /** `CheckpointDurableExecution`. */
  async checkpointDurableExecution(
    request: CheckpointDurableExecutionRequest,
  ): Promise<CheckpointDurableExecutionResponse> {
    return checkpoint(this.core, request);
  }

  /** `GetDurableExecutionState`: pruned operations in start order, paged. */
  async getDurableExecutionState(
    request: GetDurableExecutionStateRequest,
  ): Promise<GetDurableExecutionStateResponse> {
    return executionState(this.core, request);
  }

  // ---------------------------------------------------------------- tool API

  /** `GetDurableExecution`. */
  async getDurableExecution(
    request: GetDurableExecutionRequest,
  ): Promise<GetDurableExecutionResponse> {
    const exec = this.store.requireExecution(request?.DurableExecutionArn);
    return describeExecution(exec, request.IncludeExecutionData ?? true);
  }

  /** `GetDurableExecutionHistory`. */
  async getDurableExecutionHistory(
    request: GetDurableExecutionHistoryRequest,
  ): Promise<GetDurableExecutionHistoryResponse> {
    return historyPage(this.store.requireExecution(request?.DurableExecutionArn), request);
  }

  /** `StopDurableExecution`. */
  async stopDurableExecution(
    request: StopDurableExecutionRequest,
  ): Promise<StopDurableExecutionResponse> {
    const exec = this.store.requireExecution(request?.DurableExecutionArn);
    return { StopTimestamp: stopExecution(this.core, exec, request.Error) };
  }

  /** `ListDurableExecutionsByFunction`. Default order: newest first. */
  async listDurableExecutionsByFunction(
    request: ListDurableExecutionsByFunctionRequest,
  ): Promise<ListDurableExecutionsByFunctionResponse> {
    return listExecutions(this.core, request);
  }

  // ---------------------------------------------------------------- callback API

  /** `SendDurableExecutionCallbackSuccess`. */
  async sendDurableExecutionCallbackSuccess(
    request: SendDurableExecutionCallbackSuccessRequest,
  ): Promise<Record<string, never>> {
    sendCallbackSuccess(this.core, request);
    return {};
  }

  /** `SendDurableExecutionCallbackFailure`. */
  async sendDurableExecutionCallbackFailure(
    request: SendDurableExecutionCallbackFailureRequest,
  ): Promise<Record<string, never>> {
    sendCallbackFailure(this.core, request);
    return {};
  }

  /** `SendDurableExecutionCallbackHeartbeat`: restarts the heartbeat timer. */
  async sendDurableExecutionCallbackHeartbeat(
    request: SendDurableExecutionCallbackHeartbeatRequest,
  ): Promise<Record<string, never>> {
    sendCallbackHeartbeat(this.core, request);
    return {};
  }

  // ---------------------------------------------------------------- test helpers

  /**
   * Ends a running execution as FAILED with `error` (used by the test runner when `run()`
   * gives up, e.g. on an unregistered invoke target). No-op when already terminal.
   */
  failExecution(durableExecutionArn: string, error: ErrorObject): void {
    const exec = this.store.requireExecution(durableExecutionArn);
    completeExecution(this.core, exec, "FAILED", { error: copyError(error) });
  }

  /**
   * True when a running execution can only move on through an external call (a callback
   * completion, a stop): no invocation running or due, no timer of its own except the
   * execution timeout, no chained invoke in progress.
   */
  isBlocked(durableExecutionArn: string): boolean {
    return isBlocked(this.store, this.store.requireExecution(durableExecutionArn));
  }

  /**
   * Open callbacks of an execution and of the chained-invoke children it waits on, with the
   * callback ids to answer them with (for "still waiting" reports).
   *
   * @example
   * ```ts
   * for (const c of service.waitingCallbacks(arn))
   *   await service.sendDurableExecutionCallbackSuccess({ CallbackId: c.callbackId!, Result: "ok" });
   * ```
   */
  waitingCallbacks(durableExecutionArn: string): WaitingCallback[] {
    return waitingCallbacks(this.store, this.store.requireExecution(durableExecutionArn));
  }

  /** Open callbacks of an execution (ids and names), for diagnostics. */
  openCallbacks(durableExecutionArn: string): { id: string; name?: string; callbackId?: string }[] {
    return listOpenCallbacks(this.store.requireExecution(durableExecutionArn));
  }

  /** Deep copies of an execution's operations in start order (all of them, unpruned). */
  getOperations(durableExecutionArn: string): Operation[] {
    return this.store.requireExecution(durableExecutionArn).order.map(copyOperation);
  }

  /** Crash simulation: the invocation dies with `Runtime.ExitError`. */
  killInvocation(inv: InvocationRecord): void {
    inv.kill();
  }

  /**
   * Forgets every finished execution whose retention period (`RetentionPeriodInDays`, default
   * 14, counted on the service clock from its end) is over. The service does this by itself
   * whenever its clock passes an expiry; call it after moving a custom `timeSource`.
   *
   * @example
   * ```ts
   * let now = Date.now();
   * const service = new DurableExecutionService({ timeSource: () => now });
   * // ... executions end ...
   * now += 15 * 86_400_000;
   * service.expireFinishedExecutions();
   * service.executionCounts(); // { total: 0, finished: 0 }
   * ```
   */
  expireFinishedExecutions(): void {
    this.core.retention.sweep();
  }

  /** Counts of executions kept: all of them, and the finished ones awaiting expiry. */
  executionCounts(): { total: number; finished: number } {
    return { total: this.store.size, finished: this.core.retention.size };
  }

  /** Stops every timer and real timer of the service; later calls fail. */
  close(): void {
    this.core.runtime.close();
    this.core.retention.close();
    for (const exec of this.store.allExecutions()) exec.cancelTimers();
  }
}
