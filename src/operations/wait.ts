import type { DurableContextCore } from "../context/durable-context-core";
import type { DurablePromise } from "../types/durable-promise";
import { ObservationGate } from "../context/durable-promise";
import { checkedDurationSeconds } from "../retry/duration";
import type { Duration } from "../types/duration";
import { OperationStatus, OperationType, type WireOperation } from "../types/wire";
import { nameError, operationLabel, rejected } from "./argument-errors";
import { OperationCall, type OperationKind } from "./lifecycle";

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
  return new WaitOperation(ctx, name, waitSeconds).launch("wait");
}

/** A WAIT: a timer the service completes; finished once it is no longer STARTED. */
class WaitOperation extends OperationCall implements OperationKind<void> {
  readonly observed = new ObservationGate();
  readonly #waitSeconds: number;

  constructor(ctx: DurableContextCore, name: string | undefined, waitSeconds: number) {
    super(ctx, OperationType.WAIT, "Wait", name);
    this.#waitSeconds = waitSeconds;
  }

  isFinished(record: WireOperation): boolean {
    return record.Status !== OperationStatus.STARTED;
  }

  async replay(): Promise<void> {
    const ended = this.reportEnd();
    if (ended) await ended;
  }

  async execute(): Promise<void> {
    const announced = this.announce();
    if (announced) await announced;
    if (!this.existing) {
      await this.checkpoint("START", { WaitOptions: { WaitSeconds: this.#waitSeconds } });
    }
    const { record } = this;
    if (!record || record.Status === OperationStatus.STARTED) {
      await this.waitFor(
        (o) => o.Status !== OperationStatus.STARTED,
        record?.WaitDetails?.ScheduledEndTimestamp,
        this.observed,
      );
    }
    const ended = this.reportEnd();
    if (ended) await ended;
  }
}
