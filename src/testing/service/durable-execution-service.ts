/**
 * The embedded durable execution service: an in-process emulator of the Lambda durable
 * execution state machine (PROTOCOL §6–7). Its public methods mirror the REST operations of
 * PROTOCOL §2 one-to-one; errors are thrown as {@link DurableServiceError}s shaped like AWS
 * SDK service exceptions. Time is a virtual clock owned by the service.
 */
import { DurableExecutionInvocationInputWithClient } from "../../checkpoint/invocation-input-with-client";
import type { DurableExecutionInvocationInput } from "../../types/invocation";
import type {
  CallbackOptions,
  CheckpointDurableExecutionRequest,
  CheckpointDurableExecutionResponse,
  ErrorObject,
  GetDurableExecutionStateRequest,
  GetDurableExecutionStateResponse,
  Operation,
  OperationStatus,
  OperationUpdate,
} from "../../types/wire";
import { testingLog } from "../log";
import { applyUpdates, operationEvent, type UpdateHost } from "./apply-updates";
import { validateCheckpointUpdates } from "./checkpoint-validation";
import {
  type CallbackTimers,
  copyOperation,
  ExecutionRecord,
  type InvocationRecord,
} from "./execution-record";
import { callDurableHandler, callPlainHandler, type HandlerOutcome } from "./function-invoker";
import {
  copyError,
  copyEvent,
  errorOf,
  type Event,
  payloadOf,
  withoutExecutionData,
} from "./history-event";
import {
  type ArnSettings,
  decodeCallbackId,
  decodeCheckpointToken,
  decodeMarker,
  DEFAULT_ARN_SETTINGS,
  encodeCallbackId,
  encodeCheckpointToken,
  encodeMarker,
  executionArn,
  functionArn,
  newUuid,
  parseFunctionReference,
} from "./identifiers";
import { InProcessDurableExecutionClient } from "./in-process-client";
import { createLambdaContext } from "./lambda-context";
import { Scheduler, type TimerHandle } from "./scheduler";
import {
  callbackTimeout,
  DurableServiceError,
  invalidParameter,
  invalidToken,
  resourceNotFound,
} from "./service-errors";
import {
  DEFAULT_LIMITS,
  MAX_DURATION_SECONDS,
  type ServiceLimits,
  utf8Length,
} from "./service-limits";
import type {
  DurableLambdaHandler,
  ExecutionObserver,
  ExecutionStatusValue,
  ExecutionSummary,
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
} from "./service-types";
import { VirtualClock } from "./virtual-clock";

/** Options of {@link DurableExecutionService}. */
export interface DurableExecutionServiceOptions {
  /** Jump the virtual clock to the next timer whenever no work is in progress. Default `false`. */
  skipTime?: boolean;
  /** Real milliseconds every in-process checkpoint/state call waits before it is answered. */
  checkpointDelayMs?: number;
  /** Max operations in the invocation envelope before `NextMarker` paging kicks in. Default 1000. */
  firstPageSize?: number;
  /** Checkpoint and callback limits (PROTOCOL §6.8). */
  limits?: Partial<ServiceLimits>;
  /** Retries of an invocation that failed with a function error. Default 5. */
  invocationRetries?: number;
  /** Virtual seconds between those retries. Default 5. */
  invocationRetryDelaySeconds?: number;
  /** Execution timeout when the start request gives none. Default 31,622,400 s (366 days). */
  defaultExecutionTimeoutSeconds?: number;
  /** Partition, region and account used in minted ARNs. */
  arn?: Partial<ArnSettings>;
  /** Underlying time source of the virtual clock (epoch ms). Default `Date.now`. */
  timeSource?: () => number;
}

const CLIENT_TOKEN_TTL_MS = 15 * 60 * 1000;
const CLIENT_TOKEN_PATTERN = /^[\x21-\x7E]{1,64}$/;
const EXECUTION_NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;
const EXECUTION_STATUSES: readonly ExecutionStatusValue[] = [
  "RUNNING",
  "SUCCEEDED",
  "FAILED",
  "TIMED_OUT",
  "STOPPED",
];
const PENDING_WITHOUT_OPERATIONS = "Cannot return PENDING status with no pending operations.";

/** The embedded durable execution service. */
export class DurableExecutionService {
  /** The service's virtual clock. */
  readonly clock: VirtualClock;
  private readonly scheduler: Scheduler;
  private readonly limits: ServiceLimits;
  private readonly arnSettings: ArnSettings;
  private readonly functions = new Map<string, RegisteredFunction>();
  private readonly byArn = new Map<string, ExecutionRecord>();
  private readonly byId = new Map<string, ExecutionRecord>();
  /** Executions per function name, in start order. */
  private readonly byFunction = new Map<string, ExecutionRecord[]>();
  private readonly byName = new Map<string, ExecutionRecord>();
  private readonly immediates = new Set<ReturnType<typeof setImmediate>>();
  private closed = false;
  private readonly host: UpdateHost;

  constructor(private readonly options: DurableExecutionServiceOptions = {}) {
    this.clock = new VirtualClock(options.timeSource);
    this.scheduler = new Scheduler(this.clock, options.skipTime ?? false);
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.arnSettings = { ...DEFAULT_ARN_SETTINGS, ...options.arn };
    this.host = {
      now: () => this.clock.date(),
      startWaitTimer: (exec, op, due) => this.startWaitTimer(exec, op, due),
      cancelWaitTimer: (exec, op) => {
        exec.waits.get(op.Id)?.cancel();
        exec.waits.delete(op.Id);
      },
      scheduleRetry: (exec, op, due) => this.scheduleRetry(exec, op, due),
      startCallback: (exec, op, options) => this.startCallback(exec, op, options),
      startChainedInvoke: (exec, op, update) => this.startChainedInvoke(exec, op, update),
      completeExecution: (exec, status, outcome) => this.completeExecution(exec, status, outcome),
    };
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
    this.functions.set(functionName, { kind: "durable", handler });
    return this;
  }

  /** Registers a plain Lambda handler (a chained-invoke target) under a name. */
  registerFunction(functionName: string, handler: PlainLambdaHandler): this {
    this.functions.set(functionName, { kind: "plain", handler });
    return this;
  }

  /** Looks a function reference up: exact key first, then the bare function name. */
  resolveFunction(ref: string, scope?: FunctionRegistry): RegisteredFunction | undefined {
    const name = parseFunctionReference(ref).name;
    return (
      scope?.get(ref) ?? this.functions.get(ref) ?? scope?.get(name) ?? this.functions.get(name)
    );
  }

  // ---------------------------------------------------------------- start

  /**
   * Starts a durable execution of a registered function (the Lambda `Invoke` of a durable
   * function, PROTOCOL §2.9). Returns at once; the first invocation runs asynchronously.
   * A second start with the same execution name returns the existing execution when the
   * payload is the same, and fails with `DurableExecutionAlreadyStartedException` otherwise.
   */
  async startDurableExecution(
    request: StartDurableExecutionRequest,
    options: StartExecutionOptions = {},
  ): Promise<StartDurableExecutionResponse> {
    return this.startExecutionSync(request, options, undefined);
  }

  private startExecutionSync(
    request: StartDurableExecutionRequest,
    options: StartExecutionOptions,
    parent: ExecutionRecord["parent"],
  ): StartDurableExecutionResponse {
    this.assertOpen();
    if (typeof request?.FunctionName !== "string" || request.FunctionName.length === 0) {
      throw invalidParameter("Invalid value for FunctionName: a function name is required.");
    }
    const ref = parseFunctionReference(request.FunctionName);
    const fnName = ref.name;
    const version = request.Qualifier ?? ref.qualifier ?? "$LATEST";
    const fn = options.handler ?? this.resolveFunction(request.FunctionName);
    if (!fn)
      throw resourceNotFound(
        `Function not found: ${functionArn(this.arnSettings, fnName)}:${version}`,
      );
    const name = request.DurableExecutionName;
    if (name !== undefined && !EXECUTION_NAME_PATTERN.test(name)) {
      throw invalidParameter(
        "Invalid value for DurableExecutionName: must be 1-64 characters of [a-zA-Z0-9-_].",
      );
    }
    const timeout =
      request.ExecutionTimeout ??
      this.options.defaultExecutionTimeoutSeconds ??
      MAX_DURATION_SECONDS;
    if (!Number.isInteger(timeout) || timeout < 1 || timeout > MAX_DURATION_SECONDS) {
      throw invalidParameter(
        `Invalid value for ExecutionTimeout: must be an integer between 1 and ${MAX_DURATION_SECONDS}.`,
      );
    }
    const retention = request.RetentionPeriodInDays ?? 14;
    if (!Number.isInteger(retention) || retention < 1 || retention > 90) {
      throw invalidParameter(
        "Invalid value for RetentionPeriodInDays: must be an integer between 1 and 90.",
      );
    }
    const input = request.Payload === undefined || request.Payload === "" ? "{}" : request.Payload;
    const inputSize = utf8Length(input);
    if (inputSize > this.limits.inputPayloadBytes) {
      throw new DurableServiceError(
        "RequestTooLargeException",
        `Request payload size ${inputSize} bytes exceeds the limit of ${this.limits.inputPayloadBytes} bytes.`,
      );
    }
    if (name !== undefined) {
      const existing = this.byName.get(`${fnName}\u0000${name}`);
      if (existing) {
        if (existing.input === input)
          return { DurableExecutionArn: existing.arn, AlreadyStarted: true };
        throw new DurableServiceError(
          "DurableExecutionAlreadyStartedException",
          `A durable execution named ${name} already exists for function ${fnName} with a different input payload.`,
        );
      }
    }
    const id = newUuid();
    const execName = name ?? newUuid();
    const arn = executionArn(this.arnSettings, fnName, version, execName, id);
    const now = this.clock.date();
    const exec = new ExecutionRecord(
      id,
      arn,
      execName,
      fnName,
      `${functionArn(this.arnSettings, fnName)}:${version}`,
      version,
      fn,
      options.functions,
      input,
      now,
      timeout,
      retention,
      options.faultInjection,
      parent,
    );
    if (options.observer) exec.observers.add(options.observer);
    this.byArn.set(arn, exec);
    this.byId.set(id, exec);
    if (name !== undefined) this.byName.set(`${fnName}\u0000${name}`, exec);
    let list = this.byFunction.get(fnName);
    if (!list) this.byFunction.set(fnName, (list = []));
    list.push(exec);

    const executionOp: Operation = {
      Id: newUuid(),
      Type: "EXECUTION",
      Status: "STARTED",
      StartTimestamp: now,
      ExecutionDetails: { InputPayload: input },
    };
    exec.addOperation(executionOp);
    exec.record({
      EventType: "ExecutionStarted",
      Id: executionOp.Id,
      EventTimestamp: now,
      ExecutionStartedDetails: { Input: { Payload: input }, ExecutionTimeout: timeout },
    });
    exec.notifyOperation(executionOp);
    const timeoutAt = now.getTime() + timeout * 1000;
    const timer = this.execTimer(
      exec,
      timeoutAt,
      () => this.timeOutExecution(exec, timeoutAt),
      () => this.hasOtherProgress(exec),
    );
    void timer;
    this.requestInvocation(exec);
    testingLog.debug(`started execution ${arn}`);
    return { DurableExecutionArn: arn, AlreadyStarted: false };
  }

  /**
   * Resolves with the execution's description once it has reached a terminal status and its
   * last invocation (if one was still running) has ended.
   */
  async waitForExecution(durableExecutionArn: string): Promise<GetDurableExecutionResponse> {
    const exec = this.requireExecution(durableExecutionArn);
    await exec.done;
    while (exec.current?.active)
      await new Promise<void>((resolve) => exec.idleWaiters.push(resolve));
    return this.describe(exec, true);
  }

  /** Attaches an observer to an execution; returns a function that detaches it. */
  observe(durableExecutionArn: string, observer: ExecutionObserver): () => void {
    const exec = this.requireExecution(durableExecutionArn);
    exec.observers.add(observer);
    return () => exec.observers.delete(observer);
  }

  // ---------------------------------------------------------------- checkpoint API

  /** `CheckpointDurableExecution` (PROTOCOL §2.2, §6.1–6.3). */
  async checkpointDurableExecution(
    request: CheckpointDurableExecutionRequest,
  ): Promise<CheckpointDurableExecutionResponse> {
    return this.checkpointSync(request);
  }

  private checkpointSync(
    request: CheckpointDurableExecutionRequest,
  ): CheckpointDurableExecutionResponse {
    // 1. execution
    const exec = this.byArn.get(request?.DurableExecutionArn as string);
    if (!exec)
      throw invalidParameter(
        `Durable execution not found: ${String(request?.DurableExecutionArn)}`,
      );
    // 2. idempotency
    const clientToken = request.ClientToken;
    if (clientToken !== undefined) {
      if (typeof clientToken !== "string" || !CLIENT_TOKEN_PATTERN.test(clientToken)) {
        throw invalidParameter(
          "Invalid value for ClientToken: must be 1-64 printable ASCII characters.",
        );
      }
      const remembered = exec.clientTokens.get(clientToken);
      if (remembered && this.clock.now() - remembered.at <= CLIENT_TOKEN_TTL_MS) {
        return copyResponse(remembered.response);
      }
    }
    // 3. token
    const invocation = this.checkToken(exec, request.CheckpointToken, true);
    // 4. batch checks
    const updates = request.Updates ?? [];
    validateCheckpointUpdates(updates, (id) => exec.operations.get(id), this.limits);
    // 5. apply
    const changed = applyUpdates(this.host, exec, updates);
    for (const id of exec.undelivered) changed.add(id);
    exec.undelivered.clear();
    invocation.tokenSequence++;
    const response: CheckpointDurableExecutionResponse = {
      CheckpointToken: encodeCheckpointToken({
        executionId: exec.id,
        invocation: invocation.number,
        sequence: invocation.tokenSequence,
      }),
      NewExecutionState: { Operations: this.operationsInOrder(exec, changed) },
    };
    if (clientToken !== undefined) {
      this.pruneClientTokens(exec);
      exec.clientTokens.set(clientToken, {
        at: this.clock.now(),
        response: copyResponse(response),
      });
    }
    return response;
  }

  /** `GetDurableExecutionState` (PROTOCOL §2.3): pruned operations in start order, paged. */
  async getDurableExecutionState(
    request: GetDurableExecutionStateRequest,
  ): Promise<GetDurableExecutionStateResponse> {
    const exec = this.byArn.get(request?.DurableExecutionArn as string);
    if (!exec)
      throw invalidParameter(
        `Durable execution not found: ${String(request?.DurableExecutionArn)}`,
      );
    this.checkToken(exec, request.CheckpointToken, false);
    const maxItems = pageSize(request.MaxItems, 0, 1000);
    let from = 0;
    if (request.Marker !== undefined && request.Marker !== "") {
      const position = decodeMarker(request.Marker, "state", exec.id);
      if (position === undefined)
        throw invalidParameter("Invalid value for Marker: the marker is not valid.");
      from = position;
    }
    return this.statePage(exec, from, maxItems);
  }

  // ---------------------------------------------------------------- tool API

  /** `GetDurableExecution` (PROTOCOL §2.5). */
  async getDurableExecution(
    request: GetDurableExecutionRequest,
  ): Promise<GetDurableExecutionResponse> {
    const exec = this.requireExecution(request?.DurableExecutionArn);
    return this.describe(exec, request.IncludeExecutionData ?? true);
  }

  /** `GetDurableExecutionHistory` (PROTOCOL §2.6, §7.3). */
  async getDurableExecutionHistory(
    request: GetDurableExecutionHistoryRequest,
  ): Promise<GetDurableExecutionHistoryResponse> {
    const exec = this.requireExecution(request?.DurableExecutionArn);
    const maxItems = pageSize(request.MaxItems, 0, 1000);
    const reverse = request.ReverseOrder ?? false;
    let from = 0;
    if (request.Marker !== undefined && request.Marker !== "") {
      const position = decodeMarker(request.Marker, reverse ? "history-r" : "history", exec.id);
      if (position === undefined)
        throw invalidParameter("Invalid value for Marker: the marker is not valid.");
      from = position;
    }
    const total = exec.history.length;
    const events: Event[] = [];
    const include = request.IncludeExecutionData ?? true;
    let i = from;
    for (; i < total && events.length < maxItems; i++) {
      const event = exec.history[reverse ? total - 1 - i : i];
      events.push(include ? copyEvent(event) : withoutExecutionData(event));
    }
    const response: GetDurableExecutionHistoryResponse = { Events: events };
    if (i < total) {
      response.NextMarker = encodeMarker({
        kind: reverse ? "history-r" : "history",
        owner: exec.id,
        position: i,
      });
    }
    return response;
  }

  /** `StopDurableExecution` (PROTOCOL §2.7, §6.10). */
  async stopDurableExecution(
    request: StopDurableExecutionRequest,
  ): Promise<StopDurableExecutionResponse> {
    const exec = this.requireExecution(request?.DurableExecutionArn);
    if (!exec.terminal) {
      this.completeExecution(exec, "STOPPED", {
        error: request.Error ? copyError(request.Error) : undefined,
      });
    }
    return { StopTimestamp: new Date((exec.end as Date).getTime()) };
  }

  /** `ListDurableExecutionsByFunction` (PROTOCOL §2.8). Default order: newest first. */
  async listDurableExecutionsByFunction(
    request: ListDurableExecutionsByFunctionRequest,
  ): Promise<ListDurableExecutionsByFunctionResponse> {
    if (typeof request?.FunctionName !== "string" || request.FunctionName.length === 0) {
      throw invalidParameter("Invalid value for FunctionName: a function name is required.");
    }
    const ref = parseFunctionReference(request.FunctionName);
    const all = this.byFunction.get(ref.name);
    if (!all && !this.functions.has(ref.name)) {
      throw resourceNotFound(`Function not found: ${functionArn(this.arnSettings, ref.name)}`);
    }
    const maxItems = pageSize(request.MaxItems, 1, 1000);
    const statuses = request.Statuses;
    if (statuses !== undefined) {
      if (!Array.isArray(statuses) || statuses.length < 1 || statuses.length > 10) {
        throw invalidParameter("Invalid value for Statuses: must list 1-10 execution statuses.");
      }
      for (const s of statuses) {
        if (!EXECUTION_STATUSES.includes(s))
          throw invalidParameter(`Invalid value for Statuses: unknown status ${s}.`);
      }
    }
    const qualifier = request.Qualifier ?? ref.qualifier;
    const after = request.StartedAfter?.getTime();
    const before = request.StartedBefore?.getTime();
    const matching = (all ?? []).filter(
      (e) =>
        (qualifier === undefined || e.version === qualifier) &&
        (request.DurableExecutionName === undefined || e.name === request.DurableExecutionName) &&
        (statuses === undefined || statuses.includes(e.status)) &&
        (after === undefined || e.start.getTime() > after) &&
        (before === undefined || e.start.getTime() < before),
    );
    if (!request.ReverseOrder) matching.reverse();
    let from = 0;
    const owner = `${ref.name}`;
    if (request.Marker !== undefined && request.Marker !== "") {
      const position = decodeMarker(request.Marker, "list", owner);
      if (position === undefined)
        throw invalidParameter("Invalid value for Marker: the marker is not valid.");
      from = position;
    }
    const page = matching.slice(from, from + maxItems).map((e) => this.summary(e));
    const response: ListDurableExecutionsByFunctionResponse = { DurableExecutions: page };
    if (from + maxItems < matching.length) {
      response.NextMarker = encodeMarker({ kind: "list", owner, position: from + maxItems });
    }
    return response;
  }

  // ---------------------------------------------------------------- callback API

  /** `SendDurableExecutionCallbackSuccess` (PROTOCOL §2.4, §6.9). */
  async sendDurableExecutionCallbackSuccess(
    request: SendDurableExecutionCallbackSuccessRequest,
  ): Promise<Record<string, never>> {
    const { exec, op } = this.openCallback(request?.CallbackId);
    const raw = request.Result;
    const text =
      raw === undefined
        ? undefined
        : typeof raw === "string"
          ? raw
          : Buffer.from(raw).toString("utf8");
    const size = text === undefined ? 0 : utf8Length(text);
    if (size > this.limits.callbackResultBytes) {
      throw invalidParameter(
        `Invalid value for Result: ${size} bytes exceeds the limit of ${this.limits.callbackResultBytes} bytes.`,
      );
    }
    const now = this.clock.date();
    this.closeCallback(exec, op, "SUCCEEDED", now);
    if (text !== undefined && text !== "") (op.CallbackDetails ??= {}).Result = text;
    this.recordOp(exec, op, "CallbackSucceeded", now, {
      Result: payloadOf(text === "" ? undefined : text),
    });
    this.markChanged(exec, op);
    return {};
  }

  /** `SendDurableExecutionCallbackFailure` (PROTOCOL §2.4, §6.9). */
  async sendDurableExecutionCallbackFailure(
    request: SendDurableExecutionCallbackFailureRequest,
  ): Promise<Record<string, never>> {
    const { exec, op } = this.openCallback(request?.CallbackId);
    const error = copyError(request.Error ?? {});
    const size = utf8Length(JSON.stringify(error));
    if (size > this.limits.errorBytes) {
      throw invalidParameter(
        `Invalid value for Error: ${size} bytes exceeds the limit of ${this.limits.errorBytes} bytes.`,
      );
    }
    const now = this.clock.date();
    this.closeCallback(exec, op, "FAILED", now);
    (op.CallbackDetails ??= {}).Error = error;
    this.recordOp(exec, op, "CallbackFailed", now, { Error: errorOf(error) });
    this.markChanged(exec, op);
    return {};
  }

  /** `SendDurableExecutionCallbackHeartbeat` (PROTOCOL §2.4, §5.5): restarts the heartbeat timer. */
  async sendDurableExecutionCallbackHeartbeat(
    request: SendDurableExecutionCallbackHeartbeatRequest,
  ): Promise<Record<string, never>> {
    const { exec, op } = this.openCallback(request?.CallbackId);
    const timers = exec.callbacks.get(op.Id);
    if (timers?.heartbeatSeconds) {
      timers.heartbeat?.cancel();
      const due = this.clock.now() + timers.heartbeatSeconds * 1000;
      timers.heartbeat = this.execTimer(exec, due, () =>
        this.timeOutCallback(exec, op, "Callback.Heartbeat", "Callback heartbeat timed out", due),
      );
    }
    return {};
  }

  // ---------------------------------------------------------------- test helpers

  /**
   * Ends a running execution as FAILED with `error` (used by the test runner when `run()`
   * gives up, e.g. on an unregistered invoke target). No-op when already terminal.
   */
  failExecution(durableExecutionArn: string, error: ErrorObject): void {
    const exec = this.requireExecution(durableExecutionArn);
    this.completeExecution(exec, "FAILED", { error: copyError(error) });
  }

  /**
   * True when a running execution can only move on through an external call (a callback
   * completion, a stop): no invocation running or due, no timer of its own except the
   * execution timeout, no chained invoke in progress.
   */
  isBlocked(durableExecutionArn: string): boolean {
    const exec = this.requireExecution(durableExecutionArn);
    return this.blocked(exec);
  }

  /** Open callbacks of an execution (ids and names), for diagnostics. */
  openCallbacks(durableExecutionArn: string): { id: string; name?: string; callbackId?: string }[] {
    const exec = this.requireExecution(durableExecutionArn);
    return exec.order
      .filter((op) => op.Type === "CALLBACK" && op.Status === "STARTED")
      .map((op) => ({ id: op.Id, name: op.Name, callbackId: op.CallbackDetails?.CallbackId }));
  }

  /** Deep copies of an execution's operations in start order (all of them, unpruned). */
  getOperations(durableExecutionArn: string): Operation[] {
    return this.requireExecution(durableExecutionArn).order.map(copyOperation);
  }

  /** Stops every timer and real timer of the service; later calls fail. */
  close(): void {
    this.closed = true;
    this.scheduler.close();
    for (const i of this.immediates) clearImmediate(i);
    this.immediates.clear();
    for (const exec of this.byArn.values()) exec.cancelTimers();
  }

  // ---------------------------------------------------------------- internals: lookups

  private assertOpen(): void {
    if (this.closed)
      throw new DurableServiceError("ServiceException", "The embedded service has been closed.");
  }

  private requireExecution(arn: unknown): ExecutionRecord {
    if (typeof arn !== "string" || arn.length === 0) {
      throw invalidParameter(
        "Invalid value for DurableExecutionArn: an execution ARN is required.",
      );
    }
    const exec = this.byArn.get(arn);
    if (!exec) throw resourceNotFound(`Durable execution not found: ${arn}`);
    return exec;
  }

  private checkToken(exec: ExecutionRecord, token: unknown, exact: boolean): InvocationRecord {
    if (typeof token !== "string" || token.length === 0)
      throw invalidToken("a checkpoint token is required.");
    const data = decodeCheckpointToken(token);
    if (!data) throw invalidToken("the token is malformed.");
    if (data.executionId !== exec.id) throw invalidToken("the token belongs to another execution.");
    if (exec.terminal) throw invalidToken("the execution has already ended.");
    const inv = exec.current;
    if (!inv || data.invocation !== inv.number)
      throw invalidToken("the token was issued to an earlier invocation.");
    if (!inv.active) throw invalidToken("the invocation the token was issued to has ended.");
    if (exact ? data.sequence !== inv.tokenSequence : data.sequence > inv.tokenSequence) {
      throw invalidToken(
        data.sequence < inv.tokenSequence
          ? "the token has already been used."
          : "the token was never issued.",
      );
    }
    return inv;
  }

  private pruneClientTokens(exec: ExecutionRecord): void {
    if (exec.clientTokens.size < 256) return;
    const cutoff = this.clock.now() - CLIENT_TOKEN_TTL_MS;
    for (const [k, v] of exec.clientTokens) if (v.at < cutoff) exec.clientTokens.delete(k);
  }

  private operationsInOrder(exec: ExecutionRecord, ids: Set<string>): Operation[] {
    const ops: Operation[] = [];
    for (const id of ids) {
      const op = exec.operations.get(id);
      if (op) ops.push(op);
    }
    if (ops.length > 1)
      ops.sort((a, b) => (exec.position.get(a.Id) ?? 0) - (exec.position.get(b.Id) ?? 0));
    return ops.map(copyOperation);
  }

  /** Operations the function may see: start order, without descendants of completed contexts (§6.7). */
  private prunedOperations(exec: ExecutionRecord): Operation[] {
    const omitted = new Set<string>();
    const out: Operation[] = [];
    for (const op of exec.order) {
      const parentId = op.ParentId;
      if (parentId !== undefined) {
        if (omitted.has(parentId)) {
          omitted.add(op.Id);
          continue;
        }
        const parent = exec.operations.get(parentId);
        if (
          parent?.Type === "CONTEXT" &&
          (parent.Status === "SUCCEEDED" || parent.Status === "FAILED") &&
          parent.ContextDetails?.ReplayChildren !== true
        ) {
          omitted.add(op.Id);
          continue;
        }
      }
      out.push(op);
    }
    return out;
  }

  private statePage(
    exec: ExecutionRecord,
    fromPosition: number,
    maxItems: number,
  ): GetDurableExecutionStateResponse {
    const pruned = this.prunedOperations(exec);
    let start = 0;
    if (fromPosition > 0) {
      // binary search the first operation at or after the marker's position
      let lo = 0;
      let hi = pruned.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((exec.position.get(pruned[mid].Id) ?? 0) < fromPosition) lo = mid + 1;
        else hi = mid;
      }
      start = lo;
    }
    const page = pruned.slice(start, start + maxItems);
    const response: GetDurableExecutionStateResponse = { Operations: page.map(copyOperation) };
    const next = pruned[start + maxItems];
    if (next) {
      response.NextMarker = encodeMarker({
        kind: "state",
        owner: exec.id,
        position: exec.position.get(next.Id) ?? 0,
      });
    }
    return response;
  }

  private summary(exec: ExecutionRecord): ExecutionSummary {
    const s: ExecutionSummary = {
      DurableExecutionArn: exec.arn,
      DurableExecutionName: exec.name,
      FunctionArn: exec.functionArn,
      Status: exec.status,
      StartTimestamp: new Date(exec.start.getTime()),
    };
    if (exec.end) s.EndTimestamp = new Date(exec.end.getTime());
    return s;
  }

  private describe(exec: ExecutionRecord, includeData: boolean): GetDurableExecutionResponse {
    const out: GetDurableExecutionResponse = {
      ...this.summary(exec),
      Version: exec.version,
      ExecutionDataIncluded: includeData,
      DurableConfig: {
        RetentionPeriodInDays: exec.retentionDays,
        ExecutionTimeout: exec.executionTimeout,
      },
    };
    if (includeData) {
      out.InputPayload = exec.input;
      if (exec.status === "SUCCEEDED" && exec.result !== undefined) out.Result = exec.result;
      if (exec.status !== "SUCCEEDED" && exec.status !== "RUNNING" && exec.error)
        out.Error = copyError(exec.error);
    }
    return out;
  }

  // ---------------------------------------------------------------- internals: timers

  private execTimer(
    exec: ExecutionRecord,
    due: number,
    fn: () => void,
    canSkipTo?: () => boolean,
  ): TimerHandle {
    const inner = this.scheduler.schedule(
      due,
      () => {
        exec.timers.delete(handle);
        fn();
      },
      canSkipTo,
    );
    const handle: TimerHandle = {
      due,
      cancel: () => {
        exec.timers.delete(handle);
        inner.cancel();
      },
    };
    exec.timers.add(handle);
    return handle;
  }

  /** True when an execution has timers or work other than its execution timeout. */
  private hasOtherProgress(exec: ExecutionRecord): boolean {
    return (
      exec.timers.size > 1 ||
      exec.targetsInFlight > 0 ||
      exec.current?.active === true ||
      exec.invocationScheduled
    );
  }

  private blocked(exec: ExecutionRecord): boolean {
    if (exec.terminal || exec.invocationScheduled || exec.current?.active) return false;
    if (exec.targetsInFlight > 0 || exec.timers.size > 1) return false;
    for (const op of exec.order) {
      if (op.Type === "CHAINED_INVOKE" && op.Status === "STARTED") {
        const child = this.childOf(op);
        if (!child || !this.blocked(child)) return false;
      }
    }
    return true;
  }

  private readonly childArns = new Map<Operation, string>();

  private childOf(op: Operation): ExecutionRecord | undefined {
    const arn = this.childArns.get(op);
    return arn ? this.byArn.get(arn) : undefined;
  }

  private startWaitTimer(exec: ExecutionRecord, op: Operation, due: number): void {
    const timer = this.execTimer(exec, due, () => {
      exec.waits.delete(op.Id);
      if (exec.terminal || op.Status !== "STARTED") return;
      const now = new Date(due);
      exec.setStatus(op, "SUCCEEDED");
      op.EndTimestamp = now;
      const start = op.StartTimestamp?.getTime() ?? due;
      this.recordOp(exec, op, "WaitSucceeded", now, { Duration: Math.round((due - start) / 1000) });
      this.markChanged(exec, op);
    });
    exec.waits.set(op.Id, timer);
  }

  private scheduleRetry(exec: ExecutionRecord, op: Operation, due: number): void {
    this.execTimer(exec, due, () => {
      if (exec.terminal || op.Status !== "PENDING") return;
      exec.setStatus(op, "READY");
      this.markChanged(exec, op);
    });
  }

  private startCallback(
    exec: ExecutionRecord,
    op: Operation,
    options: CallbackOptions | undefined,
  ): string {
    const nonce = newUuid();
    const callbackId = encodeCallbackId({ executionId: exec.id, operationId: op.Id, nonce });
    const timers: CallbackTimers = { nonce };
    const now = op.StartTimestamp?.getTime() ?? this.clock.now();
    if (options?.TimeoutSeconds) {
      const due = now + options.TimeoutSeconds * 1000;
      timers.timeout = this.execTimer(exec, due, () =>
        this.timeOutCallback(exec, op, "Callback.Timeout", "Callback timed out", due),
      );
    }
    if (options?.HeartbeatTimeoutSeconds) {
      timers.heartbeatSeconds = options.HeartbeatTimeoutSeconds;
      const due = now + options.HeartbeatTimeoutSeconds * 1000;
      timers.heartbeat = this.execTimer(exec, due, () =>
        this.timeOutCallback(exec, op, "Callback.Heartbeat", "Callback heartbeat timed out", due),
      );
    }
    exec.callbacks.set(op.Id, timers);
    return callbackId;
  }

  private timeOutCallback(
    exec: ExecutionRecord,
    op: Operation,
    errorType: string,
    message: string,
    due: number,
  ): void {
    if (exec.terminal || op.Status !== "STARTED") return;
    const now = new Date(due);
    const error: ErrorObject = { ErrorType: errorType, ErrorMessage: message };
    this.closeCallback(exec, op, "TIMED_OUT", now);
    (op.CallbackDetails ??= {}).Error = error;
    this.recordOp(exec, op, "CallbackTimedOut", now, { Error: errorOf(error) });
    this.markChanged(exec, op);
  }

  private openCallback(callbackId: unknown): { exec: ExecutionRecord; op: Operation } {
    this.assertOpen();
    const data = decodeCallbackId(callbackId);
    if (!data)
      throw invalidParameter("Invalid value for CallbackId: the callback id is malformed.");
    const exec = this.byId.get(data.executionId);
    const op = exec?.operations.get(data.operationId);
    if (!exec || !op || op.Type !== "CALLBACK" || exec.callbacks.get(op.Id)?.nonce !== data.nonce) {
      throw callbackTimeout("No open callback exists with this id.");
    }
    if (exec.terminal)
      throw callbackTimeout("The durable execution of this callback has already ended.");
    if (op.Status !== "STARTED")
      throw callbackTimeout("The callback has already completed or timed out.");
    return { exec, op };
  }

  private closeCallback(
    exec: ExecutionRecord,
    op: Operation,
    status: OperationStatus,
    now: Date,
  ): void {
    const timers = exec.callbacks.get(op.Id);
    timers?.timeout?.cancel();
    timers?.heartbeat?.cancel();
    exec.setStatus(op, status);
    op.EndTimestamp = now;
  }

  private timeOutExecution(exec: ExecutionRecord, at: number): void {
    if (exec.terminal) return;
    this.completeExecution(
      exec,
      "TIMED_OUT",
      { error: { ErrorMessage: `Execution timed out after ${exec.executionTimeout} seconds.` } },
      new Date(at),
    );
  }

  // ---------------------------------------------------------------- internals: chained invoke

  private startChainedInvoke(
    exec: ExecutionRecord,
    op: Operation,
    update: OperationUpdate,
  ): { ExecutedVersion?: string; DurableExecutionArn?: string } {
    const ref = update.ChainedInvokeOptions?.FunctionName as string;
    const target = this.resolveFunction(ref, exec.scope);
    if (!target) {
      this.later(() => {
        for (const o of exec.observers) o.onUnknownFunction?.(ref);
        const parsed = parseFunctionReference(ref);
        this.completeInvoke(exec, op, "FAILED", {
          error: {
            ErrorType: "ResourceNotFoundException",
            ErrorMessage: `Function not found: ${functionArn(this.arnSettings, parsed.name)}${parsed.qualifier ? `:${parsed.qualifier}` : ""}`,
          },
        });
      });
      return {};
    }
    if (target.kind === "durable") {
      const parsed = parseFunctionReference(ref);
      const started = this.startExecutionSync(
        {
          FunctionName: parsed.name,
          Qualifier: parsed.qualifier,
          Payload: update.Payload,
          TenantId: update.ChainedInvokeOptions?.TenantId,
        },
        { handler: target, functions: exec.scope },
        { execution: exec, operationId: op.Id },
      );
      this.childArns.set(op, started.DurableExecutionArn);
      return {
        ExecutedVersion: parsed.qualifier ?? "$LATEST",
        DurableExecutionArn: started.DurableExecutionArn,
      };
    }
    exec.targetsInFlight++;
    this.later(() => {
      let event: unknown = {};
      try {
        if (update.Payload !== undefined) event = JSON.parse(update.Payload);
      } catch {
        event = update.Payload;
      }
      this.scheduler.beginWork();
      void callPlainHandler(
        target.handler,
        event,
        createLambdaContext(newUuid(), parseFunctionReference(ref).name),
      ).then((outcome) => {
        exec.targetsInFlight--;
        if (outcome.error) this.completeInvoke(exec, op, "FAILED", { error: outcome.error });
        else this.completeInvoke(exec, op, "SUCCEEDED", { result: outcome.result });
        this.scheduler.endWork();
      });
    });
    return { ExecutedVersion: parseFunctionReference(ref).qualifier ?? "$LATEST" };
  }

  private completeInvoke(
    exec: ExecutionRecord,
    op: Operation,
    status: OperationStatus,
    outcome: { result?: string; error?: ErrorObject },
  ): void {
    if (exec.terminal || op.Status !== "STARTED") return;
    const now = this.clock.date();
    exec.setStatus(op, status);
    op.EndTimestamp = now;
    const details: Operation["ChainedInvokeDetails"] = {};
    if (outcome.result !== undefined) details.Result = outcome.result;
    if (outcome.error !== undefined) details.Error = copyError(outcome.error);
    op.ChainedInvokeDetails = details;
    if (status === "SUCCEEDED") {
      this.recordOp(exec, op, "ChainedInvokeSucceeded", now, { Result: payloadOf(outcome.result) });
    } else {
      const type =
        status === "TIMED_OUT"
          ? "ChainedInvokeTimedOut"
          : status === "STOPPED"
            ? "ChainedInvokeStopped"
            : "ChainedInvokeFailed";
      this.recordOp(exec, op, type, now, { Error: errorOf(outcome.error) });
    }
    this.markChanged(exec, op);
  }

  // ---------------------------------------------------------------- internals: lifecycle

  private recordOp(
    exec: ExecutionRecord,
    op: Operation,
    type: NonNullable<Event["EventType"]>,
    now: Date,
    details: object,
  ) {
    const event = operationEvent(op, type, now) as Record<string, unknown>;
    event[`${type}Details`] = details;
    exec.record(event as Omit<Event, "EventId">);
  }

  private markChanged(exec: ExecutionRecord, op: Operation): void {
    exec.undelivered.add(op.Id);
    exec.notifyOperation(op);
    this.requestInvocation(exec);
  }

  private completeExecution(
    exec: ExecutionRecord,
    status: ExecutionStatusValue,
    outcome: { result?: string; error?: ErrorObject },
    at?: Date,
  ): void {
    if (exec.terminal) return;
    const now = at ?? this.clock.date();
    exec.result = outcome.result;
    exec.error = outcome.error;
    const op = exec.executionOperation;
    exec.setStatus(op, status as OperationStatus);
    op.EndTimestamp = now;
    const base = { Id: op.Id, EventTimestamp: now };
    switch (status) {
      case "SUCCEEDED":
        exec.record({
          EventType: "ExecutionSucceeded",
          ...base,
          ExecutionSucceededDetails: { Result: payloadOf(outcome.result) },
        });
        break;
      case "FAILED":
        exec.record({
          EventType: "ExecutionFailed",
          ...base,
          ExecutionFailedDetails: { Error: errorOf(outcome.error) },
        });
        break;
      case "TIMED_OUT":
        exec.record({
          EventType: "ExecutionTimedOut",
          ...base,
          ExecutionTimedOutDetails: { Error: errorOf(outcome.error) },
        });
        break;
      default:
        exec.record({
          EventType: "ExecutionStopped",
          ...base,
          ExecutionStoppedDetails: { Error: errorOf(outcome.error) },
        });
    }
    exec.finish(status, now);
    exec.notifyOperation(op);
    testingLog.debug(`execution ${exec.arn} ended ${status}`);
    if (exec.parent) {
      const parentOp = exec.parent.execution.operations.get(exec.parent.operationId);
      if (parentOp)
        this.completeInvoke(exec.parent.execution, parentOp, status as OperationStatus, outcome);
    }
  }

  private later(fn: () => void): void {
    this.scheduler.beginWork();
    const handle = setImmediate(() => {
      this.immediates.delete(handle);
      try {
        fn();
      } finally {
        this.scheduler.endWork();
      }
    });
    this.immediates.add(handle);
  }

  // ---------------------------------------------------------------- internals: invocations

  private requestInvocation(exec: ExecutionRecord): void {
    if (exec.terminal || exec.invocationScheduled || exec.current?.active || this.closed) return;
    exec.invocationScheduled = true;
    this.scheduler.beginWork();
    const handle = setImmediate(() => {
      this.immediates.delete(handle);
      void this.runInvocation(exec).finally(() => this.scheduler.endWork());
    });
    this.immediates.add(handle);
  }

  private async runInvocation(exec: ExecutionRecord): Promise<void> {
    exec.invocationScheduled = false;
    if (exec.terminal || this.closed) return;
    let kill!: (error: ErrorObject) => void;
    const killed = new Promise<HandlerOutcome>((resolve) => {
      kill = (error) => resolve({ kind: "error", error });
    });
    const inv: InvocationRecord = {
      number: ++exec.invocationCount,
      requestId: newUuid(),
      start: this.clock.date(),
      active: true,
      tokenSequence: 0,
      checkpoints: 0,
      killed: false,
      kill,
    };
    exec.current = inv;
    const updated = [...exec.undelivered];
    exec.undelivered.clear();
    const first = this.statePage(exec, 0, this.options.firstPageSize ?? 1000);
    const envelope: DurableExecutionInvocationInput = {
      DurableExecutionArn: exec.arn,
      CheckpointToken: encodeCheckpointToken({
        executionId: exec.id,
        invocation: inv.number,
        sequence: 0,
      }),
      InitialExecutionState: { Operations: first.Operations ?? [], NextMarker: first.NextMarker },
      UpdatedOperationIds: updated,
    };
    if (first.NextMarker === undefined) delete envelope.InitialExecutionState.NextMarker;
    const client = new InProcessDurableExecutionClient(
      this,
      inv,
      this.options.checkpointDelayMs ?? 0,
      exec.faultInjection,
    );
    const event = new DurableExecutionInvocationInputWithClient(envelope, client);
    (event as DurableExecutionInvocationInput).UpdatedOperationIds = updated;
    const context = createLambdaContext(inv.requestId, exec.functionName);
    const handler = exec.fn.handler as DurableLambdaHandler;
    testingLog.debug(`invocation ${inv.number} of ${exec.arn}`);
    const outcome = await Promise.race([callDurableHandler(handler, event, context), killed]);
    this.finishInvocation(exec, inv, outcome);
  }

  /** Crash simulation: the invocation dies with `Runtime.ExitError`. */
  killInvocation(inv: InvocationRecord): void {
    if (!inv.active || inv.killed) return;
    inv.killed = true;
    inv.kill?.({
      ErrorType: "Runtime.ExitError",
      ErrorMessage: `RequestId: ${inv.requestId} Error: Runtime exited without providing a reason`,
    });
  }

  private finishInvocation(
    exec: ExecutionRecord,
    inv: InvocationRecord,
    outcome: HandlerOutcome,
  ): void {
    inv.active = false;
    const verdict = classifyOutput(outcome);
    const now = this.clock.date();
    const details: NonNullable<Event["InvocationCompletedDetails"]> = {
      StartTimestamp: inv.start,
      EndTimestamp: now,
      RequestId: inv.requestId,
    };
    if (verdict.kind === "invocation-error") details.Error = errorOf(verdict.error);
    exec.record({
      EventType: "InvocationCompleted",
      EventTimestamp: now,
      InvocationCompletedDetails: details,
    });
    for (const wake of exec.idleWaiters.splice(0)) wake();
    if (exec.terminal) return;
    switch (verdict.kind) {
      case "invocation-error": {
        if (verdict.invalidOutput)
          for (const o of exec.observers) o.onInvalidOutput?.(verdict.error.ErrorMessage ?? "");
        if (exec.terminal) return;
        exec.consecutiveFailures++;
        if (exec.consecutiveFailures > (this.options.invocationRetries ?? 5)) {
          this.completeExecution(exec, "FAILED", { error: verdict.error });
          return;
        }
        const delay = (this.options.invocationRetryDelaySeconds ?? 5) * 1000;
        this.execTimer(exec, this.clock.now() + delay, () => this.requestInvocation(exec));
        return;
      }
      case "succeeded":
        exec.consecutiveFailures = 0;
        this.completeExecution(exec, "SUCCEEDED", { result: verdict.result });
        return;
      case "failed":
        exec.consecutiveFailures = 0;
        this.completeExecution(exec, "FAILED", { error: verdict.error });
        return;
      default: {
        exec.consecutiveFailures = 0;
        if (exec.undelivered.size > 0 || exec.readyCount > 0) {
          this.requestInvocation(exec);
          return;
        }
        if (exec.blockingCount === 0 && exec.targetsInFlight === 0) {
          this.completeExecution(exec, "FAILED", {
            error: {
              ErrorType: "InvalidParameterValueException",
              ErrorMessage: PENDING_WITHOUT_OPERATIONS,
            },
          });
          return;
        }
        this.notifyIfBlocked(exec);
      }
    }
  }

  private notifyIfBlocked(exec: ExecutionRecord): void {
    if (!this.blocked(exec)) return;
    for (let e: ExecutionRecord | undefined = exec; e; e = e.parent?.execution) {
      for (const o of e.observers) o.onBlocked?.();
    }
  }
}

type Verdict =
  | { kind: "invocation-error"; error: ErrorObject; invalidOutput?: boolean }
  | { kind: "succeeded"; result?: string }
  | { kind: "failed"; error?: ErrorObject }
  | { kind: "pending" };

function classifyOutput(outcome: HandlerOutcome): Verdict {
  if (outcome.kind === "error") return { kind: "invocation-error", error: outcome.error };
  const output = outcome.output as
    { Status?: unknown; Result?: unknown; Error?: unknown } | null | undefined;
  const invalid = (message: string): Verdict => ({
    kind: "invocation-error",
    invalidOutput: true,
    error: { ErrorType: "InvalidParameterValueException", ErrorMessage: message },
  });
  if (typeof output !== "object" || output === null) {
    return invalid(
      `Invalid durable invocation output: expected an object with a Status, got ${output === null ? "null" : typeof output}.`,
    );
  }
  switch (output.Status) {
    case "SUCCEEDED":
      if (output.Error !== undefined)
        return invalid("Cannot provide an Error for SUCCEEDED status.");
      if (output.Result !== undefined && typeof output.Result !== "string") {
        return invalid("Invalid durable invocation output: Result must be a string.");
      }
      return { kind: "succeeded", result: output.Result as string | undefined };
    case "FAILED":
      if (output.Result !== undefined) return invalid("Cannot provide a Result for FAILED status.");
      return {
        kind: "failed",
        error: output.Error ? copyError(output.Error as ErrorObject) : undefined,
      };
    case "PENDING":
      return { kind: "pending" };
    default:
      return invalid(
        `Invalid durable invocation output: unknown Status ${JSON.stringify(output.Status)}.`,
      );
  }
}

function pageSize(value: unknown, min: number, max: number): number {
  if (value === undefined || value === 0) return 100;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw invalidParameter(
      `Invalid value for MaxItems: must be an integer between ${min} and ${max}.`,
    );
  }
  return value;
}

function copyResponse(
  response: CheckpointDurableExecutionResponse,
): CheckpointDurableExecutionResponse {
  return {
    CheckpointToken: response.CheckpointToken,
    NewExecutionState: {
      Operations: (response.NewExecutionState?.Operations ?? []).map((op) =>
        copyOperation(op as Operation),
      ),
    },
  };
}
