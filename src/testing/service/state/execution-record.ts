/**
 * Everything the service keeps about one durable execution: its operations in start order,
 * its history, the set of changes not yet delivered to the function, the current
 * invocation, its timers, and O(1) counters the scheduler consults.
 */
import { realNow } from "../../../timers/real-timers";
import type { ErrorObject, Operation, OperationStatus } from "../../../types/wire";
import { copyError, deepCopy, type Event } from "./history-event";
import { InvocationRecord } from "./invocation-record";
import type { TimerHandle } from "../timers/scheduler";
import type { CheckpointDurableExecutionResponse } from "../../../types/wire";
import type { FinalExecutionStatus } from "../api/execution-status";
import type {
  ExecutionObserver,
  ExecutionStatusValue,
  FaultInjection,
  FunctionRegistry,
  RegisteredFunction,
} from "../api/service-types";

/** Timers of an open callback. */
export interface CallbackTimers {
  nonce: string;
  heartbeatSeconds?: number;
  /** Set once a heartbeat arrived: someone is alive, so the heartbeat timeout runs in real time. */
  heartbeatSeen?: boolean;
  timeout?: TimerHandle;
  heartbeat?: TimerHandle;
}

/** Where a chained-invoke child execution reports its outcome. */
export interface ParentLink {
  readonly execution: ExecutionRecord;
  readonly operationId: string;
}

/** Deep copy of an operation, safe to hand to a client. */
export function copyOperation(op: Operation): Operation {
  const out = deepCopy(op);
  for (const key of [
    "StepDetails",
    "ContextDetails",
    "CallbackDetails",
    "ChainedInvokeDetails",
  ] as const) {
    const details = out[key] as { Error?: ErrorObject } | undefined;
    if (details?.Error) details.Error = copyError(details.Error);
  }
  return out;
}

/**
 * State of one durable execution. Its fields are read-only from outside; every change goes
 * through a method that keeps the record's invariants:
 * - `blockingCount` and `readyCount` always count the operations they describe (operations are
 *   added with {@link addOperation} and change status only through {@link setStatus});
 * - at most one invocation is scheduled or running, never once the execution is terminal;
 * - `consecutiveFailures` counts the invocations that ended with a function error in a row;
 * - `targetsInFlight` counts the plain chained-invoke targets started and not yet returned;
 * - a terminal execution has an end time, no timers, and has settled {@link done}.
 */
export class ExecutionRecord {
  #status: ExecutionStatusValue = "RUNNING";
  #result: string | undefined;
  #error: ErrorObject | undefined;
  #end: Date | undefined;

  readonly #operations = new Map<string, Operation>();
  readonly #order: Operation[] = [];
  readonly #position = new Map<string, number>();
  readonly #history: Event[] = [];
  readonly #undelivered = new Set<string>();
  readonly #observers = new Set<ExecutionObserver>();
  readonly #timers = new Set<TimerHandle>();
  readonly #callbacks = new Map<string, CallbackTimers>();
  readonly #waits = new Map<string, TimerHandle>();
  /** Responses remembered by ClientToken, with the virtual time they were stored. */
  readonly clientTokens = new Map<
    string,
    { at: number; response: CheckpointDurableExecutionResponse }
  >();

  #invocationCount = 0;
  #current: InvocationRecord | undefined;
  #invocationScheduled = false;
  #consecutiveFailures = 0;
  #lastActivity = realNow();
  #targetsInFlight = 0;
  #blockingCount = 0;
  #readyCount = 0;

  readonly #idleWaiters: (() => void)[] = [];
  #deferredLaunches: (() => void)[] = [];

  #resolveDone!: () => void;
  /** Resolves when the execution reaches a terminal status. */
  readonly done: Promise<void> = new Promise((resolve) => {
    this.#resolveDone = resolve;
  });

  constructor(
    readonly id: string,
    readonly arn: string,
    readonly name: string,
    readonly functionName: string,
    readonly functionArn: string,
    readonly version: string,
    readonly fn: RegisteredFunction,
    readonly scope: FunctionRegistry | undefined,
    readonly input: string,
    readonly start: Date,
    readonly executionTimeout: number,
    readonly retentionDays: number,
    readonly faultInjection: FaultInjection | undefined,
    readonly parent: ParentLink | undefined,
  ) {}

  // ---------------------------------------------------------------- outcome

  /** `RUNNING`, or how the execution ended. */
  get status(): ExecutionStatusValue {
    return this.#status;
  }

  /** Serialized result (set when it ended). */
  get result(): string | undefined {
    return this.#result;
  }

  /** Error it ended with (set when it ended). */
  get error(): ErrorObject | undefined {
    return this.#error;
  }

  /** Virtual time it ended at. */
  get end(): Date | undefined {
    return this.#end;
  }

  /** True once the execution is terminal. */
  get terminal(): boolean {
    return this.#status !== "RUNNING";
  }

  /** Marks the execution terminal with its outcome, cancels its timers and settles {@link done}. */
  finish(
    status: FinalExecutionStatus,
    end: Date,
    outcome: { result?: string; error?: ErrorObject },
  ): void {
    this.#status = status;
    this.#end = end;
    this.#result = outcome.result;
    this.#error = outcome.error;
    this.cancelTimers();
    this.#resolveDone();
  }

  // ---------------------------------------------------------------- operations

  /** Operations by id. */
  get operations(): ReadonlyMap<string, Operation> {
    return this.#operations;
  }

  /** Operations in start order; the EXECUTION operation is first. */
  get order(): readonly Operation[] {
    return this.#order;
  }

  /** The EXECUTION operation. */
  get executionOperation(): Operation {
    return this.#order[0];
  }

  /** Start-order position of an operation (0 for an unknown id). */
  positionOf(id: string): number {
    return this.#position.get(id) ?? 0;
  }

  /** Operations that can still trigger an invocation (open waits/callbacks/invokes, pending/ready steps). */
  get blockingCount(): number {
    return this.#blockingCount;
  }

  /** Steps in READY. */
  get readyCount(): number {
    return this.#readyCount;
  }

  /** Adds a new operation at the end of the start order. */
  addOperation(op: Operation): void {
    this.#position.set(op.Id, this.#order.length);
    this.#order.push(op);
    this.#operations.set(op.Id, op);
    this.count(op, 1);
  }

  /** Changes an operation's status, keeping the counters right. */
  setStatus(op: Operation, status: OperationStatus): void {
    this.count(op, -1);
    op.Status = status;
    this.count(op, 1);
  }

  /** Queues a service-side change of an operation for delivery to the function. */
  markUndelivered(id: string): void {
    this.#undelivered.add(id);
  }

  /** True when changes wait for delivery to the function. */
  get hasUndelivered(): boolean {
    return this.#undelivered.size > 0;
  }

  /** Takes the ids changed by the service since the function last saw them. */
  takeUndelivered(): string[] {
    const ids = [...this.#undelivered];
    this.#undelivered.clear();
    return ids;
  }

  // ---------------------------------------------------------------- history and observers

  /** The history, in EventId order. */
  get history(): readonly Event[] {
    return this.#history;
  }

  /** Observers (the test runner, tools). */
  get observers(): ReadonlySet<ExecutionObserver> {
    return this.#observers;
  }

  /** Attaches an observer; returns a function that detaches it. */
  addObserver(observer: ExecutionObserver): () => void {
    this.#observers.add(observer);
    return () => this.#observers.delete(observer);
  }

  /** Appends a history event (assigning its EventId) and notifies observers. */
  record(event: Omit<Event, "EventId">): Event {
    const full = { ...event, EventId: this.#history.length + 1 } as Event;
    // keep EventType/EventId first for readability when printed
    const ordered: Event = { EventType: full.EventType, EventId: full.EventId, ...full };
    this.#history.push(ordered);
    for (const o of this.#observers) o.onEvent?.(ordered);
    return ordered;
  }

  /** Notifies observers that an operation changed. */
  notifyOperation(op: Operation): void {
    for (const o of this.#observers) o.onOperation?.(op);
  }

  // ---------------------------------------------------------------- invocations

  /** The latest invocation, running or ended. */
  get current(): InvocationRecord | undefined {
    return this.#current;
  }

  /** True between a request for an invocation and its start. */
  get invocationScheduled(): boolean {
    return this.#invocationScheduled;
  }

  /** Invocations in a row that ended with a function error. */
  get consecutiveFailures(): number {
    return this.#consecutiveFailures;
  }

  /**
   * Real time (epoch ms) of the last sign of life: an invocation starting or ending, a
   * checkpoint call, a callback answer or heartbeat. Time-skipping gates measure from it.
   */
  get lastActivity(): number {
    return this.#lastActivity;
  }

  /** Notes a sign of life (see {@link lastActivity}). */
  noteActivity(): void {
    this.#lastActivity = realNow();
  }

  /**
   * Schedules an invocation: returns false (and changes nothing) when the execution ended or
   * an invocation is already running or scheduled.
   */
  scheduleInvocation(): boolean {
    if (this.terminal || this.#invocationScheduled || this.#current?.active) return false;
    this.#invocationScheduled = true;
    return true;
  }

  /** Takes the scheduled invocation off the schedule; returns false when the execution ended meanwhile. */
  takeScheduledInvocation(): boolean {
    this.#invocationScheduled = false;
    return !this.terminal;
  }

  /** Starts the next invocation; it is the {@link current} one until the next starts. */
  beginInvocation(requestId: string, start: Date): InvocationRecord {
    if (this.#current?.active) throw new Error("An invocation is already running.");
    const invocation = new InvocationRecord(++this.#invocationCount, requestId, start);
    this.#current = invocation;
    this.noteActivity();
    return invocation;
  }

  /**
   * Ends an invocation: it no longer accepts tokens, a function error (`failed`) adds to
   * {@link consecutiveFailures} and any other outcome resets it, the `InvocationCompleted`
   * event is recorded, and the callers of {@link settled} wake.
   */
  endInvocation(
    invocation: InvocationRecord,
    failed: boolean,
    completed: Omit<Event, "EventId"> & { EventTimestamp: Date },
  ): void {
    invocation.end(completed.EventTimestamp);
    this.noteActivity();
    this.#consecutiveFailures = failed ? this.#consecutiveFailures + 1 : 0;
    this.record(completed);
    for (const wake of this.#idleWaiters.splice(0)) wake();
  }

  /** Resolves once the execution ended and its last invocation (if still running) returned. */
  async settled(): Promise<void> {
    await this.done;
    while (this.#current?.active)
      await new Promise<void>((resolve) => this.#idleWaiters.push(resolve));
  }

  /**
   * Defers the launch of a chained-invoke target: the service invokes targets
   * asynchronously, so a target starts once the invoking invocation has ended or made
   * another checkpoint call, never inside the checkpoint call that started it.
   */
  deferLaunch(launch: () => void): void {
    this.#deferredLaunches.push(launch);
  }

  /** Takes the deferred launches (to run them once the current call has been applied). */
  takeLaunches(): (() => void)[] {
    const launches = this.#deferredLaunches;
    this.#deferredLaunches = [];
    return launches;
  }

  /** Plain chained-invoke targets of this execution still running. */
  get targetsInFlight(): number {
    return this.#targetsInFlight;
  }

  /** Counts a plain chained-invoke target that started running. */
  targetStarted(): void {
    this.#targetsInFlight++;
  }

  /** Counts a plain chained-invoke target that returned. */
  targetEnded(): void {
    if (this.#targetsInFlight > 0) this.#targetsInFlight--;
  }

  // ---------------------------------------------------------------- timers

  /** Number of live timers owned by the execution (the execution timeout included). */
  get timerCount(): number {
    return this.#timers.size;
  }

  /** Owns a timer: it is cancelled when the execution ends. */
  ownTimer(timer: TimerHandle): void {
    this.#timers.add(timer);
  }

  /** Forgets a timer that fired or was cancelled. */
  releaseTimer(timer: TimerHandle): void {
    this.#timers.delete(timer);
  }

  /** Timers of an open callback. */
  callbackTimers(operationId: string): CallbackTimers | undefined {
    return this.#callbacks.get(operationId);
  }

  /** Remembers the timers of a new callback. */
  setCallbackTimers(operationId: string, timers: CallbackTimers): void {
    this.#callbacks.set(operationId, timers);
  }

  /** Remembers the timer of a STARTED wait. */
  setWaitTimer(operationId: string, timer: TimerHandle): void {
    this.#waits.set(operationId, timer);
  }

  /** Forgets the timer of a wait, cancelling it if it has not fired (no-op when it has none). */
  dropWaitTimer(operationId: string): void {
    this.#waits.get(operationId)?.cancel();
    this.#waits.delete(operationId);
  }

  /** Cancels every timer of the execution. */
  cancelTimers(): void {
    for (const t of this.#timers) t.cancel();
    this.#timers.clear();
    this.#waits.clear();
    for (const cb of this.#callbacks.values()) {
      cb.timeout?.cancel();
      cb.heartbeat?.cancel();
    }
  }

  private count(op: Operation, delta: 1 | -1): void {
    if (isBlocking(op)) this.#blockingCount += delta;
    if (op.Status === "READY") this.#readyCount += delta;
  }
}

function isBlocking(op: Operation): boolean {
  switch (op.Type) {
    case "WAIT":
    case "CALLBACK":
    case "CHAINED_INVOKE":
      return op.Status === "STARTED";
    case "STEP":
      return op.Status === "PENDING" || op.Status === "READY";
    default:
      return false;
  }
}
