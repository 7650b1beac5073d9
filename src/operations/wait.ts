import type { DurableContextCore } from "../context/durable-context-impl";
import { DurablePromise, ObservationGate, stalled } from "../context/durable-promise";
import { checkedDurationSeconds } from "../retry/duration";
import type { Duration } from "../types/duration";
import { OperationStatus, OperationType } from "../types/wire";
import { nameError, operationLabel, rejected } from "./argument-errors";
import { updateFor } from "./update-builder";

/** Implements `context.wait`: a durable timer kept by the service. */
export function wait(
  ctx: DurableContextCore,
  nameOrDuration: string | Duration,
  maybeDuration?: Duration,
): DurablePromise<void> {
  const named = typeof nameOrDuration === "string";
  const name = named ? nameOrDuration : undefined;
  const duration = named ? maybeDuration : nameOrDuration;
  const badName = nameError("wait", name);
  if (badName) return rejected(badName);
  let waitSeconds: number;
  try {
    waitSeconds = checkedDurationSeconds(
      operationLabel("wait", name, ctx),
      "duration",
      duration,
      "delay",
    );
  } catch (error) {
    return rejected(error);
  }
  const op = ctx.beginOperation("wait", { type: OperationType.WAIT, subType: "Wait", name });
  if (!op) return stalled();
  const { runtime } = ctx;
  const { plugins } = runtime;
  const observed = new ObservationGate();
  const run = async (): Promise<void> => {
    if (op.existing && op.existing.Status !== OperationStatus.STARTED) {
      if (plugins.active) {
        await runtime.opEnd(op, !runtime.updatedOperationIds.has(op.id));
      }
      return;
    }
    if (plugins.active) await runtime.opStart(op, op.existing !== undefined);
    if (!op.existing) {
      await runtime.checkpoint(
        ctx,
        updateFor(op, "START", { WaitOptions: { WaitSeconds: waitSeconds } }),
      );
    }
    const record = runtime.state.get(op.id);
    if (!record || record.Status === OperationStatus.STARTED) {
      await runtime.waitForOperation(
        ctx,
        op.id,
        (o) => o.Status !== OperationStatus.STARTED,
        record?.WaitDetails?.ScheduledEndTimestamp,
        observed,
      );
    }
    if (plugins.active) await runtime.opEnd(op);
  };
  return DurablePromise.fromRunning(run(), observed);
}
