import type { DurableExecutionClient } from "../checkpoint/durable-execution-client";
import type { DurableExecutionInvocationInput } from "../types/invocation";
import type { WireOperation } from "../types/wire";
import { OperationType } from "../types/wire";

const STATE_PAGE_SIZE = 1000;
/** More state pages than this (10 million operations) means a service that never stops paging. */
const MAX_STATE_PAGES = 10_000;

/**
 * Returns every operation of the execution: the envelope's page plus all further pages.
 * Throws (failing the invocation) for an envelope without state, an entry that is not an
 * operation, or paging that repeats a marker or never ends.
 */
export async function loadAllOperations(
  client: DurableExecutionClient,
  event: DurableExecutionInvocationInput,
): Promise<WireOperation[]> {
  const state = event.InitialExecutionState;
  if (typeof state !== "object" || state === null || !Array.isArray(state.Operations)) {
    throw new Error(
      "The durable invocation event has no InitialExecutionState.Operations list; it did not come from the durable execution service.",
    );
  }
  const operations = checkedOperations([], state.Operations, "InitialExecutionState");
  const seen = new Set<string>();
  let marker = state.NextMarker;
  while (marker) {
    if (seen.has(marker) || seen.size >= MAX_STATE_PAGES) {
      throw new Error(
        `GetDurableExecutionState keeps paging (marker ${JSON.stringify(marker)} after ${seen.size} pages); stopped loading the execution state.`,
      );
    }
    seen.add(marker);
    const page = await client.getExecutionState({
      DurableExecutionArn: event.DurableExecutionArn,
      CheckpointToken: event.CheckpointToken,
      Marker: marker,
      MaxItems: STATE_PAGE_SIZE,
    });
    checkedOperations(operations, page.Operations ?? [], "GetDurableExecutionState");
    marker = page.NextMarker ?? undefined;
  }
  return operations;
}

/** Appends `page` to `into`, refusing entries that are not operations (no string Id). */
function checkedOperations(
  into: WireOperation[],
  page: readonly unknown[],
  source: string,
): WireOperation[] {
  for (let index = 0; index < page.length; index++) {
    const op = page[index];
    if (typeof op !== "object" || op === null || typeof (op as WireOperation).Id !== "string") {
      throw new Error(
        `${source} holds something that is not an operation at position ${index} (got ${JSON.stringify(op)?.slice(0, 80)}).`,
      );
    }
    into.push(op as WireOperation);
  }
  return into;
}

/**
 * The user's event: the EXECUTION operation's input payload parsed as JSON, or `{}`. An
 * input that is not JSON throws a `SyntaxError` saying so.
 */
export function parseInput(operations: readonly WireOperation[]): unknown {
  const execution = operations.find((op) => op.Type === OperationType.EXECUTION) ?? operations[0];
  const payload = execution?.ExecutionDetails?.InputPayload;
  if (payload === undefined) return {};
  try {
    return JSON.parse(payload);
  } catch (error) {
    throw new SyntaxError(
      `The execution's input payload is not valid JSON (${(error as Error).message}); start executions with a JSON payload.`,
    );
  }
}
