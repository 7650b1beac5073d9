import type { DurableLogger } from "../types/logger";
import type {
  CheckpointDurableExecutionRequest,
  CheckpointDurableExecutionResponse,
  GetDurableExecutionStateRequest,
  GetDurableExecutionStateResponse,
} from "../types/wire";

/**
 * The transport the SDK uses to talk to the durable execution service. Implementations
 * should throw {@link DurableExecutionClientError} to say whether a failure ends the
 * invocation or the whole execution.
 *
 * @example
 * ```ts
 * const recording: DurableExecutionClient = {
 *   async getExecutionState() {
 *     return { Operations: [] };
 *   },
 *   async checkpoint(request) {
 *     sent.push(...(request.Updates ?? []));
 *     return { CheckpointToken: `t-${sent.length}`, NewExecutionState: undefined };
 *   },
 * };
 * export const handler = withDurableExecution(work, { durableExecutionClient: recording });
 * ```
 */
export interface DurableExecutionClient {
  /** Reads one page of the execution's operations (used only at invocation start). */
  getExecutionState(
    params: GetDurableExecutionStateRequest,
    logger?: DurableLogger,
  ): Promise<GetDurableExecutionStateResponse>;
  /** Persists operation updates and returns the next token and the changed operations. */
  checkpoint(
    params: CheckpointDurableExecutionRequest,
    logger?: DurableLogger,
  ): Promise<CheckpointDurableExecutionResponse>;
}
