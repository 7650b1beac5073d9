import type { DurableExecutionClient } from "../../src/checkpoint/durable-execution-client";
import type {
  CheckpointDurableExecutionRequest,
  CheckpointDurableExecutionResponse,
  GetDurableExecutionStateRequest,
  GetDurableExecutionStateResponse,
} from "../../src/types/wire";

/**
 * Wraps a checkpoint client so every call takes `latencyMs` of real time before it reaches the
 * service, as a round trip to the durable execution API does. Counts the calls.
 */
export class LatencyClient implements DurableExecutionClient {
  calls = 0;

  constructor(
    private readonly inner: DurableExecutionClient,
    private readonly latencyMs: number,
  ) {}

  async checkpoint(
    params: CheckpointDurableExecutionRequest,
  ): Promise<CheckpointDurableExecutionResponse> {
    this.calls++;
    if (this.latencyMs > 0) await delay(this.latencyMs);
    return this.inner.checkpoint(params);
  }

  async getExecutionState(
    params: GetDurableExecutionStateRequest,
  ): Promise<GetDurableExecutionStateResponse> {
    this.calls++;
    if (this.latencyMs > 0) await delay(this.latencyMs);
    return this.inner.getExecutionState(params);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
