/**
 * Everything the service keeps about one durable execution: its operations in start order,
 * its history, the set of changes not yet delivered to the function, the current
 * invocation, its timers, and O(1) counters the scheduler consults.
 */
import { realNow } from "../../timers/real-timers";
import type { ErrorObject, Operation, OperationStatus } from "../../types/wire";
import { copyError, deepCopy, type Event } from "./history-event";
import type { TimerHandle } from "./scheduler";
import type { CheckpointDurableExecutionResponse } from "../../types/wire";
import type {
  ExecutionObserver,
  ExecutionStatusValue,
  FaultInjection,
  FunctionRegistry,
  RegisteredFunction,
} from "./service-types";

/** One invocation of the function for an execution. */
export interface InvocationRecord {
  /** 1-based number within the execution. */
  readonly number: number;
  readonly requestId: string;
  readonly start: Date;
  /** False once the invocation returned, failed or was killed. */
  active: boolean;
  /** Sequence number of the only valid checkpoint token. */
  tokenSequence: number;
  /** Number of checkpoint calls received. */
  checkpoints: number;
  /** Set when fault injection killed the invocation. */
  killed: boolean;
  /** Resolves the invoker's wait when the invocation is killed. */
  kill?: (error: ErrorObject) => void;
  /** Called when the invocation is killed (e.g. an isolated handler stops its worker). */
  killListeners?: (() => void)[];
}

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

/** State of one durable execution. */
export class ExecutionRecord {
  status: ExecutionStatusValue = "RUNNING";
  result: string | undefined;
  error: ErrorObject | undefined;
  end: Date | undefined;

  /** Operations by id. */
  readonly operations = new Map<string, Operation>();
  /** Operations in start order; the EXECUTION operation is first. */
  readonly order: Operation[] = [];
  /** Start-order position of each operation id. */
  readonly position = new Map<string, number>();
  /** The history, in EventId order. */
  readonly history: Event[] = [];
  /** Ids changed by the service and not yet delivered to the function. */
  readonly undelivered = new Set<string>();
  /** Observers (the test runner). */
  readonly observers = new Set<ExecutionObserver>();
  /** Timers owned by this execution, cancelled when it ends. */
  readonly timers = new Set<TimerHandle>();
  /** Timers of open callbacks, by operation id. */
  readonly callbacks = new Map<string, CallbackTimers>();
  /** Wait timers, by operation id. */
  readonly waits = new Map<string, TimerHandle>();
  /** Responses remembered by ClientToken, with the virtual time they were stored. */
  readonly clientTokens = new Map<
    string,
    { at: number; response: CheckpointDurableExecutionResponse }
  >();

  invocationCount = 0;
  current: InvocationRecord | undefined;
  /** True between a request for an invocation and its start. */
  invocationScheduled = false;
  consecutiveFailures = 0;
  /**
   * Real time (epoch ms) of the last sign of life: an invocation starting or ending, a
   * checkpoint call, a callback answer or heartbeat. Time-skipping gates measure from it.
   */
  lastActivity = realNow();
  /** Chained-invoke targets of this execution still running. */
  targetsInFlight = 0;
  /** Operations that can still trigger an invocation (open waits/callbacks/invokes, pending/ready steps). */
  blockingCount = 0;
  /** Steps in READY. */
  readyCount = 0;

  /** Resolvers waiting for the running invocation to end. */
  readonly idleWaiters: (() => void)[] = [];
  #deferredLaunches: (() => void)[] = [];

  private resolveDone!: () => void;
  /** Resolves when the execution reaches a terminal status. */
  readonly done: Promise<void> = new Promise((resolve) => {
    this.resolveDone = resolve;
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

  /** The EXECUTION operation. */
  get executionOperation(): Operation {
    return this.order[0];
  }

  /** True once the execution is terminal. */
  get terminal(): boolean {
    return this.status !== "RUNNING";
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

  /** Adds a new operation at the end of the start order. */
  addOperation(op: Operation): void {
    this.position.set(op.Id, this.order.length);
    this.order.push(op);
    this.operations.set(op.Id, op);
    if (isBlocking(op)) this.blockingCount++;
    if (op.Status === "READY") this.readyCount++;
  }

  /** Changes an operation's status, keeping the counters right. */
  setStatus(op: Operation, status: OperationStatus): void {
    if (isBlocking(op)) this.blockingCount--;
    if (op.Status === "READY") this.readyCount--;
    op.Status = status;
    if (isBlocking(op)) this.blockingCount++;
    if (op.Status === "READY") this.readyCount++;
  }

  /** Appends a history event (assigning its EventId) and notifies observers. */
  record(event: Omit<Event, "EventId">): Event {
    const full = { ...event, EventId: this.history.length + 1 } as Event;
    // keep EventType/EventId first for readability when printed
    const ordered: Event = { EventType: full.EventType, EventId: full.EventId, ...full };
    this.history.push(ordered);
    for (const o of this.observers) o.onEvent?.(ordered);
    return ordered;
  }

  /** Notifies observers that an operation changed. */
  notifyOperation(op: Operation): void {
    for (const o of this.observers) o.onOperation?.(op);
  }

  /** Cancels every timer of the execution. */
  cancelTimers(): void {
    for (const t of this.timers) t.cancel();
    this.timers.clear();
    this.waits.clear();
    for (const cb of this.callbacks.values()) {
      cb.timeout?.cancel();
      cb.heartbeat?.cancel();
    }
  }

  /** Marks the execution terminal and wakes everyone waiting for it. */
  finish(status: ExecutionStatusValue, end: Date): void {
    this.status = status;
    this.end = end;
    this.cancelTimers();
    this.resolveDone();
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
