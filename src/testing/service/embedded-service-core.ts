/**
 * The wiring of one service instance: its parts built in dependency order (clock, store,
 * retention, runtime), and the two transitions any module may start (an invocation, the
 * retention of an ended execution).
 */
import type { ExecutionRecord } from "./state/execution-record";
import { ExecutionStore } from "./state/execution-store";
import { type ArnSettings, DEFAULT_ARN_SETTINGS } from "./protocol/identifiers";
import { requestInvocation } from "./invocation/invocation-driver";
import { RetentionQueue } from "./state/retention";
import type { ServiceCore } from "./service-core";
import { DEFAULT_LIMITS, type ServiceLimits } from "./protocol/service-limits";
import type { DurableExecutionServiceOptions } from "./service-options";
import { ServiceRuntime } from "./timers/service-runtime";
import type { ExecutionWatcher } from "./api/service-types";
import { VirtualClock } from "./timers/virtual-clock";

/** The {@link ServiceCore} of one `DurableExecutionService`, with its retention queue. */
export class EmbeddedServiceCore implements ServiceCore {
  readonly store = new ExecutionStore();
  readonly watchers = new Set<ExecutionWatcher>();
  readonly limits: ServiceLimits;
  readonly arnSettings: ArnSettings;
  /** Finished executions awaiting expiry. */
  readonly retention: RetentionQueue;
  readonly runtime: ServiceRuntime;

  constructor(readonly options: DurableExecutionServiceOptions) {
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.arnSettings = { ...DEFAULT_ARN_SETTINGS, ...options.arn };
    const clock = new VirtualClock(options.timeSource);
    const store = this.store;
    const retention = new RetentionQueue(
      () => clock.now(),
      (exec) => store.removeExecution(exec),
    );
    this.retention = retention;
    this.runtime = new ServiceRuntime(clock, options.skipTime ?? false, () => retention.sweep());
  }

  requestInvocation(exec: ExecutionRecord): void {
    requestInvocation(this, exec);
  }

  retain(exec: ExecutionRecord): void {
    this.retention.add(exec);
  }
}
