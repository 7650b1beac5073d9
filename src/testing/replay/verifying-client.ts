/**
 * The transport of a verify-only replay: it answers from the recording, keeps every update the
 * handler would checkpoint as a note of new work, and never sends anything anywhere.
 */
import type {
  DurableExecutionClient,
  ReachedOperation,
  ReplayVerifierHooks,
} from "../../checkpoint/durable-execution-client";
import type {
  CheckpointDurableExecutionRequest,
  CheckpointDurableExecutionResponse,
  GetDurableExecutionStateResponse,
  OperationUpdate,
} from "../../types/wire";

/** One thing the handler did during the replay, in the order it did it. */
export type TraceEntry =
  | { kind: "reached"; op: ReachedOperation }
  | { kind: "wouldRun"; op: ReachedOperation }
  | { kind: "update"; update: OperationUpdate };

/** Verify-only client: records what the handler does, answers with nothing new. */
export class VerifyingClient implements DurableExecutionClient {
  readonly replayVerifier: ReplayVerifierHooks = {
    reached: (op) => this.onEntry({ kind: "reached", op: copyOf(op) }),
    wouldRun: (op) => this.onEntry({ kind: "wouldRun", op: copyOf(op) }),
  };
  #tokens = 0;

  /** @param onEntry called with everything the handler does, in order. */
  constructor(private readonly onEntry: (entry: TraceEntry) => void) {}

  /** Every operation was in the invocation envelope: there is no further page. */
  async getExecutionState(): Promise<GetDurableExecutionStateResponse> {
    return { Operations: [] };
  }

  /** Notes the updates; the "service" changes nothing, so waiting operations keep waiting. */
  async checkpoint(
    request: CheckpointDurableExecutionRequest,
  ): Promise<CheckpointDurableExecutionResponse> {
    for (const update of request.Updates ?? []) this.onEntry({ kind: "update", update });
    return { CheckpointToken: `verify-${++this.#tokens}`, NewExecutionState: { Operations: [] } };
  }
}

function copyOf(op: ReachedOperation): ReachedOperation {
  const { rawId, id, parentId, name, type, subType } = op;
  return { rawId, id, parentId, name, type, subType };
}
