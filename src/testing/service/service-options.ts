/** Construction options of the embedded durable execution service. */
import type { ArnSettings } from "./protocol/identifiers";
import type { ServiceLimits } from "./protocol/service-limits";

/**
 * Options of `DurableExecutionService`.
 *
 * @example
 * ```ts
 * const service = new DurableExecutionService({
 *   skipTime: true,
 *   limits: { operationPayloadBytes: 1024 },
 *   invocationRetries: 2,
 * });
 * ```
 */
export interface DurableExecutionServiceOptions {
  /** Jump the virtual clock to the next timer whenever no work is in progress. Default `false`. */
  skipTime?: boolean;
  /**
   * With `skipTime`: real milliseconds in which nobody called an execution (no answer, no
   * heartbeat) before the clock may jump to one of its callback or heartbeat timeouts. A
   * heartbeat timeout that has seen a heartbeat is never skipped. `Infinity`: never skip them (real time).
   * Default 1000.
   */
  callbackGraceMs?: number;
  /** Real milliseconds every in-process checkpoint/state call waits before it is answered. */
  checkpointDelayMs?: number;
  /** Max operations in the invocation envelope before `NextMarker` paging kicks in. Default 1000. */
  firstPageSize?: number;
  /** Checkpoint and callback limits. */
  limits?: Partial<ServiceLimits>;
  /** Retries of an invocation that failed with a function error. Default 5. */
  invocationRetries?: number;
  /** Virtual seconds between those retries. Default 5. */
  invocationRetryDelaySeconds?: number;
  /** Execution timeout when the start request gives none. Default 31,622,400 s (366 days). */
  defaultExecutionTimeoutSeconds?: number;
  /** Partition, region and account used in minted ARNs. */
  arn?: Partial<ArnSettings>;
  /** Underlying time source of the virtual clock (epoch ms). Default: the real clock (`performance`-based, not moved by fake timers). */
  timeSource?: () => number;
}
