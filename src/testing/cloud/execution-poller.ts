/**
 * Follows a running durable execution until it has finished: reads its status with
 * `GetDurableExecution` and its new history events with `GetDurableExecutionHistory`,
 * hands the events on as they arrive, and pauses `pollInterval` between rounds.
 */
import { GetDurableExecutionCommand, type LambdaClient } from "@aws-sdk/client-lambda";
import { setTimeout as pause } from "node:timers/promises";
import type { ErrorObject } from "../../types/wire";
import type { ExecutionStatus } from "../enums";
import {
  executionStatusOfEndEvent,
  type FinalExecutionStatus,
} from "../service/api/execution-status";
import type { Event } from "../service/state/history-event";
import { HistoryReader } from "./history-reader";
import { errorMemberOf } from "./operations-from-history";
import { withRetries } from "./with-retries";

/** How a finished execution ended. */
export interface ExecutionOutcome {
  status: ExecutionStatus;
  /** The serialized result (status SUCCEEDED). */
  result: string | undefined;
  /** The execution's error (other statuses). */
  error: ErrorObject | undefined;
}

/** What {@link pollExecution} needs. */
export interface PollOptions {
  client: LambdaClient;
  durableExecutionArn: string;
  /** Milliseconds between rounds. */
  pollInterval: number;
  /** Called with each batch of new events, oldest first. */
  onEvents: (events: Event[]) => void;
  /** Override of the history page size (tests). */
  pageSize?: number;
  /** Override of the pauses between retries of a failed read (tests). */
  retryPauses?: readonly number[];
}

/** True for the event that ends the execution (succeeded, failed, timed out or stopped). */
function isExecutionEnd(event: Event): boolean {
  return executionStatusOfEndEvent(event.EventType) !== undefined;
}

/**
 * Polls until the execution is no longer `RUNNING` and its history holds the end event,
 * then resolves with the outcome. A read that still fails after its retries rejects.
 *
 * @example
 * ```ts
 * const outcome = await pollExecution({
 *   client,
 *   durableExecutionArn: arn,
 *   pollInterval: 500,
 *   onEvents: (events) => console.log(events.map((e) => e.EventType)),
 * });
 * outcome.status; // e.g. "SUCCEEDED"
 * ```
 */
export async function pollExecution(options: PollOptions): Promise<ExecutionOutcome> {
  const { client, durableExecutionArn, pollInterval, onEvents } = options;
  const history = new HistoryReader(
    client,
    durableExecutionArn,
    options.pageSize,
    options.retryPauses,
  );
  let endEvent: Event | undefined;
  for (;;) {
    const description = await withRetries(
      () =>
        client.send(new GetDurableExecutionCommand({ DurableExecutionArn: durableExecutionArn })),
      options.retryPauses,
    );
    // Read the history after the status, so a finished status comes with a complete history.
    const events = await history.readNew();
    endEvent ??= events.find(isExecutionEnd);
    if (events.length > 0) onEvents(events);
    if (description.Status !== "RUNNING" && endEvent) {
      return outcomeOf(description, endEvent);
    }
    await pause(pollInterval);
  }
}

function outcomeOf(
  description: { Result?: string; Error?: ErrorObject },
  endEvent: Event,
): ExecutionOutcome {
  const status = executionStatusOfEndEvent(endEvent.EventType) as FinalExecutionStatus;
  if (status === "SUCCEEDED") {
    return {
      status,
      result: description.Result ?? endEvent.ExecutionSucceededDetails?.Result?.Payload,
      error: undefined,
    };
  }
  return {
    status,
    result: undefined,
    error: description.Error ?? errorMemberOf(endEvent)?.Payload,
  };
}
