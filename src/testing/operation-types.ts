/**
 * Operation types of the testing API. They are the `Operation` of `@aws-sdk/client-lambda`
 * (what `GetDurableExecutionState` returns), so a test can pass an operation it read here to
 * code written against the AWS SDK, and the other way round.
 */
import type {
  Operation as LambdaOperation,
  StepDetails as LambdaStepDetails,
  WaitDetails as LambdaWaitDetails,
} from "@aws-sdk/client-lambda";

/**
 * A durable operation as the Lambda API describes it: the `Operation` of `@aws-sdk/client-lambda`.
 *
 * @example
 * ```ts
 * const data: Operation | undefined = runner.getOperation("load").getOperationData();
 * console.log(data?.Status, data?.StartTimestamp);
 * ```
 */
export type Operation = LambdaOperation;

/** A timestamp as a transport may carry it before it is parsed: a `Date` or an ISO string. */
type OperationTimestamp = Date | string;

/**
 * A durable operation as received from a transport: the `@aws-sdk/client-lambda` `Operation`
 * with its timestamps (`StartTimestamp`, `EndTimestamp`, `StepDetails.NextAttemptTimestamp`,
 * `WaitDetails.ScheduledEndTimestamp`) also allowed as ISO strings.
 *
 * @example
 * ```ts
 * const raw: WireOperation = runner.getOperation("load").getOperationData()!;
 * ```
 */
export interface WireOperation extends Omit<
  LambdaOperation,
  "StartTimestamp" | "EndTimestamp" | "StepDetails" | "WaitDetails"
> {
  StartTimestamp: OperationTimestamp | undefined;
  EndTimestamp?: OperationTimestamp | undefined;
  StepDetails?:
    | (Omit<LambdaStepDetails, "NextAttemptTimestamp"> & {
        NextAttemptTimestamp?: OperationTimestamp | undefined;
      })
    | undefined;
  WaitDetails?:
    | (Omit<LambdaWaitDetails, "ScheduledEndTimestamp"> & {
        ScheduledEndTimestamp?: OperationTimestamp | undefined;
      })
    | undefined;
}
