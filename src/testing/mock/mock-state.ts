/**
 * The mock client's copy of an execution's operations and the basic transitions the service
 * makes when it receives an update. Timers never fire on their own: waits, retries, callbacks
 * and invokes finish when a test says so.
 */
import type { ErrorObject, Operation, OperationUpdate } from "../../types/wire";

const START_TIME = Date.UTC(2025, 0, 1);

/** Operations of one mocked execution, in the order they started. */
export class MockState {
  readonly operations = new Map<string, Operation>();
  private clock = START_TIME;

  /** Applies one update the way the service would, and returns the operation after it. */
  apply(update: OperationUpdate): Operation {
    const id = update.Id;
    if (!id) throw new Error("MockDurableExecutionClient: an update has no Id");
    const now = new Date(++this.clock);
    const existing = this.operations.get(id);
    const op: Operation = existing ? { ...existing } : this.created(id, update, now);
    const attempt = op.StepDetails?.Attempt ?? 0;
    switch (update.Action) {
      case "START":
        op.Status = "STARTED";
        this.started(op, update, now);
        break;
      case "SUCCEED":
        op.Status = "SUCCEEDED";
        op.EndTimestamp = now;
        this.finished(
          op,
          attempt,
          { Result: update.Payload },
          update.ContextOptions?.ReplayChildren,
        );
        break;
      case "FAIL":
        op.Status = "FAILED";
        op.EndTimestamp = now;
        this.finished(op, attempt, { Error: update.Error });
        break;
      case "RETRY":
        op.Status = "PENDING";
        op.StepDetails = {
          ...op.StepDetails,
          Attempt: attempt + 1,
          Error: update.Error,
          Result: update.Payload,
          NextAttemptTimestamp: new Date(
            now.getTime() + (update.StepOptions?.NextAttemptDelaySeconds ?? 1) * 1000,
          ),
        };
        break;
      case "CANCEL":
        op.Status = "CANCELLED";
        op.EndTimestamp = now;
        break;
      default:
        throw new Error(`MockDurableExecutionClient: unsupported action ${update.Action}`);
    }
    this.operations.set(id, op);
    return op;
  }

  /** Replaces fields of an operation (a test completing a wait, a callback, an invoke). */
  patch(id: string, fields: Partial<Operation>): Operation {
    const op = this.operations.get(id);
    if (!op) throw new Error(`MockDurableExecutionClient: no operation with id ${id}`);
    const next = { ...op, ...fields };
    this.operations.set(id, next);
    return next;
  }

  /** The current time of the mock (moves one millisecond per update). */
  now(): Date {
    return new Date(this.clock);
  }

  private created(id: string, update: OperationUpdate, now: Date): Operation {
    if (!update.Type) throw new Error(`MockDurableExecutionClient: update ${id} has no Type`);
    return {
      Id: id,
      Type: update.Type,
      Status: "STARTED",
      StartTimestamp: now,
      ...(update.ParentId ? { ParentId: update.ParentId } : {}),
      ...(update.Name ? { Name: update.Name } : {}),
      ...(update.SubType ? { SubType: update.SubType } : {}),
    };
  }

  private started(op: Operation, update: OperationUpdate, now: Date): void {
    if (op.Type === "WAIT") {
      const seconds = update.WaitOptions?.WaitSeconds ?? 0;
      op.WaitDetails = { ScheduledEndTimestamp: new Date(now.getTime() + seconds * 1000) };
    }
    if (op.Type === "CALLBACK") op.CallbackDetails = { CallbackId: `mock-callback-${op.Id}` };
    if (op.Type === "CHAINED_INVOKE") op.ChainedInvokeDetails = {};
  }

  private finished(
    op: Operation,
    attempt: number,
    outcome: { Result?: string | undefined; Error?: ErrorObject | undefined },
    replayChildren?: boolean,
  ): void {
    if (op.Type === "STEP") {
      op.StepDetails = { ...op.StepDetails, Attempt: attempt + 1, ...outcome };
    }
    if (op.Type === "CONTEXT") {
      op.ContextDetails = {
        ...op.ContextDetails,
        ...outcome,
        ...(replayChildren ? { ReplayChildren: true } : {}),
      };
    }
  }
}
