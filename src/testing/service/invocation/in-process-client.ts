/**
 * The transport the SDK uses inside an embedded invocation: it calls the service directly
 * (no serialization; the service hands out deep copies), optionally delays answers by
 * `checkpointDelay` real milliseconds, and implements crash injection.
 */
import type { DurableExecutionClient } from "../../../checkpoint/durable-execution-client";
import type {
  CheckpointDurableExecutionRequest,
  CheckpointDurableExecutionResponse,
  GetDurableExecutionStateRequest,
  GetDurableExecutionStateResponse,
} from "../../../types/wire";
import type { InvocationRecord } from "../state/invocation-record";
import type { FaultInjection } from "../api/service-types";
import { never } from "../../../context/durable-promise";

/** What the client needs from the service. */
export interface InProcessServiceFace {
  checkpointDurableExecution(
    request: CheckpointDurableExecutionRequest,
  ): Promise<CheckpointDurableExecutionResponse>;
  getDurableExecutionState(
    request: GetDurableExecutionStateRequest,
  ): Promise<GetDurableExecutionStateResponse>;
}

/** A `DurableExecutionClient` bound to one invocation of the embedded service. */
export class InProcessDurableExecutionClient implements DurableExecutionClient {
  constructor(
    private readonly service: InProcessServiceFace,
    private readonly invocation: InvocationRecord,
    private readonly checkpointDelayMs: number,
    private readonly faults: FaultInjection | undefined,
    /** See `DurableExecutionClient.suspendQuietMs` (0 when the service skips time). */
    readonly suspendQuietMs?: number,
  ) {}

  async checkpoint(
    params: CheckpointDurableExecutionRequest,
  ): Promise<CheckpointDurableExecutionResponse> {
    if (this.invocation.killed) return never();
    if (this.checkpointDelayMs > 0) await delay(this.checkpointDelayMs);
    if (this.invocation.killed) return never();
    const number = this.invocation.countCheckpoint();
    const response = await this.service.checkpointDurableExecution(params);
    if (this.shouldCrash(number, params)) {
      this.invocation.kill();
      return never();
    }
    return response;
  }

  /** Calls `listener` when fault injection kills this invocation (isolation mode stops its worker). */
  onKilled(listener: () => void): void {
    this.invocation.onKilled(listener);
  }

  async getExecutionState(
    params: GetDurableExecutionStateRequest,
  ): Promise<GetDurableExecutionStateResponse> {
    if (this.invocation.killed) return never();
    if (this.checkpointDelayMs > 0) await delay(this.checkpointDelayMs);
    return this.service.getDurableExecutionState(params);
  }

  private shouldCrash(checkpoint: number, params: CheckpointDurableExecutionRequest): boolean {
    const f = this.faults;
    if (!f) return false;
    const invocation = this.invocation.number;
    if (f.shouldCrash?.({ invocation, checkpoint, updates: params.Updates ?? [] })) return true;
    if (f.crashAfterCheckpoint === undefined) return false;
    return checkpoint === f.crashAfterCheckpoint && (f.invocations ?? [1]).includes(invocation);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
