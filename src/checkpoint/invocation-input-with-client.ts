import type { DurableExecutionInvocationInput } from "../types/invocation";
import type { WireOperation } from "../types/wire";
import type { DurableExecutionClient } from "./durable-execution-client";

const TAG = "DurableExecutionInvocationInputWithClient";

/**
 * An invocation event that carries its own transport. Local test runners pass it so the
 * wrapped handler talks to them instead of the configured client.
 *
 * @example
 * ```ts
 * const event = new DurableExecutionInvocationInputWithClient(envelope, myTestClient);
 * const output = await handler(event, lambdaContext); // talks to myTestClient
 * ```
 */
export class DurableExecutionInvocationInputWithClient implements DurableExecutionInvocationInput {
  readonly durableExecutionClient: DurableExecutionClient;
  readonly InitialExecutionState: { Operations: WireOperation[]; NextMarker?: string | undefined };
  readonly DurableExecutionArn: string;
  readonly CheckpointToken: string;
  /** Carried over too (the reference drops it), so plugins see `updatedOperations` in local tests. */
  readonly UpdatedOperationIds?: string[];

  constructor(
    params: DurableExecutionInvocationInput,
    durableExecutionClient: DurableExecutionClient,
  ) {
    this.durableExecutionClient = durableExecutionClient;
    this.InitialExecutionState = params.InitialExecutionState;
    this.DurableExecutionArn = params.DurableExecutionArn;
    this.CheckpointToken = params.CheckpointToken;
    if (params.UpdatedOperationIds !== undefined)
      this.UpdatedOperationIds = params.UpdatedOperationIds;
  }

  /** True for instances of this class, including ones from another bundled copy of the SDK. */
  static isInstance(event: unknown): event is DurableExecutionInvocationInputWithClient {
    if (event instanceof DurableExecutionInvocationInputWithClient) return true;
    if (typeof event !== "object" || event === null) return false;
    return (
      Object.prototype.toString.call(event) === `[object ${TAG}]` &&
      "durableExecutionClient" in event &&
      (event as { constructor?: { name?: string } }).constructor?.name === TAG
    );
  }

  get [Symbol.toStringTag](): string {
    return TAG;
  }
}
