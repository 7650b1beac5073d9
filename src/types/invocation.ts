import type { ErrorObject, WireOperation } from "./wire";

/** Outcome reported by one invocation of a durable function. */
export enum InvocationStatus {
  SUCCEEDED = "SUCCEEDED",
  FAILED = "FAILED",
  PENDING = "PENDING",
}

/** The envelope the service passes to a durable function on every invocation. */
export interface DurableExecutionInvocationInput {
  DurableExecutionArn: string;
  CheckpointToken: string;
  UpdatedOperationIds?: string[];
  InitialExecutionState: {
    Operations: WireOperation[];
    NextMarker?: string | undefined;
  };
}

/** Output of an invocation whose handler returned. */
export interface DurableExecutionInvocationOutputSucceeded {
  Status: InvocationStatus.SUCCEEDED;
  Result?: string;
}

/** Output of an invocation whose execution failed. */
export interface DurableExecutionInvocationOutputFailed {
  Status: InvocationStatus.FAILED;
  Error: ErrorObject;
}

/** Output of an invocation that suspended; the service re-invokes later. */
export interface DurableExecutionInvocationOutputPending {
  Status: InvocationStatus.PENDING;
}

/** What a durable function returns to the service. */
export type DurableExecutionInvocationOutput =
  | DurableExecutionInvocationOutputSucceeded
  | DurableExecutionInvocationOutputFailed
  | DurableExecutionInvocationOutputPending;
