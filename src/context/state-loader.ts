import type { DurableExecutionClient } from "../checkpoint/durable-execution-client";
import type { DurableExecutionInvocationInput } from "../types/invocation";
import type { WireOperation } from "../types/wire";
import { OperationType } from "../types/wire";

const STATE_PAGE_SIZE = 1000;

/** Returns every operation of the execution: the envelope's page plus all further pages. */
export async function loadAllOperations(
  client: DurableExecutionClient,
  event: DurableExecutionInvocationInput,
): Promise<WireOperation[]> {
  const operations = [...(event.InitialExecutionState?.Operations ?? [])];
  let marker = event.InitialExecutionState?.NextMarker;
  while (marker) {
    const page = await client.getExecutionState({
      DurableExecutionArn: event.DurableExecutionArn,
      CheckpointToken: event.CheckpointToken,
      Marker: marker,
      MaxItems: STATE_PAGE_SIZE,
    });
    operations.push(...(page.Operations ?? []));
    marker = page.NextMarker ?? undefined;
  }
  return operations;
}

/** The user's event: the EXECUTION operation's input payload parsed as JSON, or `{}`. */
export function parseInput(operations: readonly WireOperation[]): unknown {
  const execution = operations.find((op) => op.Type === OperationType.EXECUTION) ?? operations[0];
  const payload = execution?.ExecutionDetails?.InputPayload;
  return payload === undefined ? {} : JSON.parse(payload);
}
