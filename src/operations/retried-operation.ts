import { OperationStatus, type WireOperation } from "../types/wire";
import { OperationCall } from "./lifecycle";

/**
 * A STEP-typed operation whose user code runs in attempts that the service retries on its
 * timer (step, waitForCondition): finished once it SUCCEEDED or FAILED, PENDING while a retry
 * waits for its time.
 */
export class RetriedOperation extends OperationCall {
  override isFinished(record: WireOperation): boolean {
    return record.Status === OperationStatus.SUCCEEDED || record.Status === OperationStatus.FAILED;
  }

  /** Resolves once the pending retry of `record` is due (the record is no longer PENDING). */
  waitForRetryTimer(record: WireOperation): Promise<WireOperation> {
    return this.waitFor(
      (o) => o.Status !== OperationStatus.PENDING,
      record.StepDetails?.NextAttemptTimestamp,
    );
  }
}
