import type { ErrorObject, WireOperation } from "./wire";

/**
 * Outcome reported by one invocation of a durable function.
 *
 * @example
 * ```ts
 * const output = await handler(event, lambdaContext);
 * if (output.Status === InvocationStatus.PENDING) console.log("suspended; the service re-invokes later");
 * ```
 */
export enum InvocationStatus {
  SUCCEEDED = "SUCCEEDED",
  FAILED = "FAILED",
  PENDING = "PENDING",
}

/**
 * The envelope the service passes to a durable function on every invocation.
 *
 * @example
 * ```ts
 * const event: DurableExecutionInvocationInput = {
 *   DurableExecutionArn: arn,
 *   CheckpointToken: "token-1",
 *   InitialExecutionState: {
 *     Operations: [{ Id: "exec", Type: "EXECUTION", Status: "STARTED", ExecutionDetails: { InputPayload: "{}" } }],
 *   },
 * };
 * ```
 */
export interface DurableExecutionInvocationInput {
  DurableExecutionArn: string;
  CheckpointToken: string;
  UpdatedOperationIds?: string[];
  InitialExecutionState: {
    Operations: WireOperation[];
    NextMarker?: string | undefined;
  };
}

/**
 * Output of an invocation whose handler returned.
 *
 * @example
 * ```ts
 * if (output.Status === InvocationStatus.SUCCEEDED) console.log(JSON.parse(output.Result ?? "null"));
 * ```
 */
export interface DurableExecutionInvocationOutputSucceeded {
  Status: InvocationStatus.SUCCEEDED;
  Result?: string;
}

/**
 * Output of an invocation whose execution failed.
 *
 * @example
 * ```ts
 * if (output.Status === InvocationStatus.FAILED) console.error(output.Error.ErrorType);
 * ```
 */
export interface DurableExecutionInvocationOutputFailed {
  Status: InvocationStatus.FAILED;
  Error: ErrorObject;
}

/**
 * Output of an invocation that suspended; the service re-invokes later.
 *
 * @example
 * ```ts
 * if (output.Status === InvocationStatus.PENDING) console.log("waiting for a timer or a callback");
 * ```
 */
export interface DurableExecutionInvocationOutputPending {
  Status: InvocationStatus.PENDING;
}

/**
 * What a durable function returns to the service.
 *
 * @example
 * ```ts
 * const output: DurableExecutionInvocationOutput = await handler(event, lambdaContext);
 * if (output.Status === "SUCCEEDED") console.log(output.Result);
 * else if (output.Status === "FAILED") console.error(output.Error.ErrorMessage);
 * ```
 */
export type DurableExecutionInvocationOutput =
  | DurableExecutionInvocationOutputSucceeded
  | DurableExecutionInvocationOutputFailed
  | DurableExecutionInvocationOutputPending;
