/**
 * What the service modules share: settings, the execution store, the runtime, and the
 * one transition every module ends with (an operation changed; the function must see it).
 */
import type { Operation } from "../../types/wire";
import type { ExecutionRecord } from "./state/execution-record";
import type { ExecutionStore } from "./state/execution-store";
import type { ArnSettings } from "./protocol/identifiers";
import type { ExecutionWatcher } from "./api/service-types";
import type { DurableExecutionServiceOptions } from "./service-options";
import type { ServiceLimits } from "./protocol/service-limits";
import type { ServiceRuntime } from "./timers/service-runtime";

/** Shared state of one service instance, handed to every service module. */
export interface ServiceCore {
  readonly runtime: ServiceRuntime;
  readonly store: ExecutionStore;
  readonly limits: ServiceLimits;
  readonly arnSettings: ArnSettings;
  readonly options: DurableExecutionServiceOptions;
  /** Called for every execution this service starts (tools: progress lines, histories). */
  readonly watchers: Set<ExecutionWatcher>;
  /** Schedules an invocation of `exec` unless it ended or one is already running or due. */
  requestInvocation(exec: ExecutionRecord): void;
  /** Starts the retention period of an execution that just ended. */
  retain(exec: ExecutionRecord): void;
}

/** Queues a service-side change of `op` for delivery to the function and asks for an invocation. */
export function markChanged(core: ServiceCore, exec: ExecutionRecord, op: Operation): void {
  exec.markUndelivered(op.Id);
  exec.notifyOperation(op);
  core.requestInvocation(exec);
}
