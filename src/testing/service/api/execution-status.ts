/**
 * The statuses of a durable execution and the history events that end one: the one list
 * the service, the testing API and the tools on it (replay, timeline, cloud runner) share.
 */
import type { EventType } from "../state/history-event";

/**
 * Status of a durable execution.
 *
 * @example
 * ```ts
 * expect(result.getStatus()).toBe(ExecutionStatus.SUCCEEDED);
 * ```
 */
export const ExecutionStatus = {
  RUNNING: "RUNNING",
  SUCCEEDED: "SUCCEEDED",
  FAILED: "FAILED",
  TIMED_OUT: "TIMED_OUT",
  STOPPED: "STOPPED",
} as const;
/**
 * Status of a durable execution.
 *
 * @example
 * ```ts
 * expect(result.getStatus()).toBe(ExecutionStatus.SUCCEEDED);
 * ```
 */
export type ExecutionStatus = (typeof ExecutionStatus)[keyof typeof ExecutionStatus];

/** A status an execution ends with (every status but `RUNNING`). */
export type FinalExecutionStatus = Exclude<ExecutionStatus, "RUNNING">;

/** Every execution status. */
export const EXECUTION_STATUSES: readonly ExecutionStatus[] = Object.values(ExecutionStatus);

/** The history event that ends an execution with each final status. */
export const EXECUTION_END_EVENTS: Readonly<Record<FinalExecutionStatus, EventType>> = {
  SUCCEEDED: "ExecutionSucceeded",
  FAILED: "ExecutionFailed",
  TIMED_OUT: "ExecutionTimedOut",
  STOPPED: "ExecutionStopped",
};

const STATUS_OF_END_EVENT: ReadonlyMap<string, FinalExecutionStatus> = new Map(
  Object.entries(EXECUTION_END_EVENTS).map(([status, event]) => [
    event,
    status as FinalExecutionStatus,
  ]),
);

/** The final status an execution end event reports; `undefined` for any other event. */
export function executionStatusOfEndEvent(
  eventType: string | undefined,
): FinalExecutionStatus | undefined {
  return eventType === undefined ? undefined : STATUS_OF_END_EVENT.get(eventType);
}
