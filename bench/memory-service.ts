import type { DurableExecutionClient } from "../src/checkpoint/durable-execution-client";
import type {
  CheckpointDurableExecutionRequest,
  CheckpointDurableExecutionResponse,
  Operation,
  OperationUpdate,
} from "../src/types/wire";

/**
 * A zero-latency in-memory checkpoint API for benchmarks: applies START/SUCCEED/FAIL with
 * minimal bookkeeping so the measured time is the SDK's own.
 */
export class BenchClient implements DurableExecutionClient {
  readonly operations = new Map<string, Operation>();
  checkpointCalls = 0;
  private seq = 0;

  constructor() {
    this.operations.set("exec", {
      Id: "exec",
      Type: "EXECUTION",
      Status: "STARTED",
      ExecutionDetails: { InputPayload: "{}" },
    });
  }

  envelope() {
    return {
      DurableExecutionArn:
        "arn:aws:lambda:us-east-1:123456789012:function:bench:$LATEST/durable-execution/b/1",
      CheckpointToken: `t${++this.seq}`,
      InitialExecutionState: { Operations: [...this.operations.values()] },
    };
  }

  async getExecutionState() {
    return { Operations: [] };
  }

  async checkpoint(
    params: CheckpointDurableExecutionRequest,
  ): Promise<CheckpointDurableExecutionResponse> {
    this.checkpointCalls++;
    const changed: Operation[] = [];
    for (const u of params.Updates ?? []) changed.push(this.apply(u));
    return { CheckpointToken: `t${++this.seq}`, NewExecutionState: { Operations: changed } };
  }

  private apply(u: OperationUpdate): Operation {
    const prev = this.operations.get(u.Id!);
    const op: Operation = prev
      ? { ...prev }
      : {
          Id: u.Id!,
          Type: u.Type!,
          SubType: u.SubType,
          Name: u.Name,
          ParentId: u.ParentId,
          Status: "STARTED",
        };
    if (u.Action === "SUCCEED") {
      op.Status = "SUCCEEDED";
      if (op.Type === "STEP") op.StepDetails = { Attempt: 1, Result: u.Payload };
      if (op.Type === "CONTEXT")
        op.ContextDetails = { Result: u.Payload, ReplayChildren: u.ContextOptions?.ReplayChildren };
    } else if (u.Action === "FAIL") {
      op.Status = "FAILED";
    }
    this.operations.set(op.Id, op);
    return op;
  }
}

/** Lambda context stand-in. */
export const benchLambdaContext = {
  awsRequestId: "bench",
  getRemainingTimeInMillis: () => 900_000,
} as never;
