import type { CompletionReason } from "../types/completion-reason";
import type { ErrorObject } from "../types/wire";

/** How many `cause` links {@link DurableOperationError.toErrorObject} follows looking for error data. */
const MAX_CAUSE_DEPTH = 10;

/**
 * Base class of every failure a durable operation reports to user code. It carries
 * the wire error type, the underlying cause and optional machine-readable error data,
 * and converts to and from the {@link ErrorObject} record stored in checkpoints.
 */
export abstract class DurableOperationError extends Error {
  /** Type name written as `ErrorType` in the error record. */
  abstract readonly errorType: string;
  /** The error that made the operation fail, when known. */
  override cause?: Error;
  /** Opaque payload (usually JSON) supplied with the failure, e.g. by an external system. */
  errorData?: string;
  /** Reserved for stack lines of a remote failure; the SDK leaves it unset. */
  stackTrace?: string[];

  /** Creates the error; `name` defaults to the runtime class name. */
  constructor(message: string, cause?: Error, errorData?: string) {
    super(message);
    this.name = new.target.name;
    this.cause = cause;
    this.errorData = errorData;
    this.stackTrace = undefined;
  }

  /**
   * Rebuilds an error from a stored record. Known durable type names map to their
   * classes; any other type becomes a {@link StepError}. The `cause` is a plain
   * `Error` named after the record's type, carrying its message and stack lines.
   */
  static fromErrorObject(errorObject: ErrorObject): DurableOperationError {
    const cause = new Error(errorObject.ErrorMessage);
    cause.name = errorObject.ErrorType || "Error";
    cause.stack = errorObject.StackTrace?.join("\n");
    const known = durableErrorClass(errorObject.ErrorType);
    return known
      ? new known(errorObject.ErrorMessage, cause, errorObject.ErrorData)
      : new StepError(errorObject.ErrorMessage || "Unknown error", cause, errorObject.ErrorData);
  }

  /**
   * Converts the error to its wire record. Without own error data, the first error
   * data found on a durable error within ten `cause` links is used instead.
   */
  toErrorObject(): ErrorObject {
    return {
      ErrorType: this.errorType,
      ErrorMessage: this.message,
      ErrorData: this.errorData ?? findCauseErrorData(this.cause),
      StackTrace: undefined,
    };
  }
}

/** Returns the first string `errorData` on a durable error reachable through `cause` links. */
function findCauseErrorData(start: unknown): string | undefined {
  let current = start;
  for (let depth = 0; depth < MAX_CAUSE_DEPTH && current != null; depth++) {
    if (current instanceof DurableOperationError && typeof current.errorData === "string") {
      return current.errorData;
    }
    current = typeof current === "object" ? (current as { cause?: unknown }).cause : undefined;
  }
  return undefined;
}

/** A step failed after its retries were exhausted (also used for unknown recorded failures). */
export class StepError extends DurableOperationError {
  override name = "StepError";
  readonly errorType = "StepError";

  /** Creates the error; an empty message becomes `"Step failed"`. */
  constructor(message?: string, cause?: Error, errorData?: string) {
    super(message || "Step failed", cause, errorData);
  }
}

/** A callback failed; catching this class also catches every more specific callback failure. */
export class CallbackError extends DurableOperationError {
  override name = "CallbackError";
  readonly errorType: string = "CallbackError";

  /** Creates the error; an empty message becomes `"Callback failed"`. */
  constructor(message?: string, cause?: Error, errorData?: string) {
    super(message || "Callback failed", cause, errorData);
  }
}

/** The external system completed the callback with a failure. */
export class CallbackExternalError extends CallbackError {
  override name = "CallbackExternalError";
  override readonly errorType: string = "CallbackExternalError";

  /** Creates the error; an empty message becomes `"Callback failed"`. */
  constructor(message?: string, cause?: Error, errorData?: string) {
    super(message || "Callback failed", cause, errorData);
  }
}

/** The callback (or its heartbeat) timed out. */
export class CallbackTimeoutError extends CallbackError {
  override name = "CallbackTimeoutError";
  override readonly errorType: string = "CallbackTimeoutError";

  /** Creates the error; an empty message becomes `"Callback timed out"`. */
  constructor(message?: string, cause?: Error, errorData?: string) {
    super(message || "Callback timed out", cause, errorData);
  }
}

/** The submitter step of `waitForCallback` failed. */
export class CallbackSubmitterError extends CallbackError {
  override name = "CallbackSubmitterError";
  override readonly errorType: string = "CallbackSubmitterError";

  /** Creates the error; an empty message becomes `"Callback submitter failed"`. */
  constructor(message?: string, cause?: Error, errorData?: string) {
    super(message || "Callback submitter failed", cause, errorData);
  }
}

/** The invoked function failed, timed out or was stopped. */
export class InvokeError extends DurableOperationError {
  override name = "InvokeError";
  readonly errorType = "InvokeError";

  /** Creates the error; an empty message becomes `"Invoke failed"`. */
  constructor(message?: string, cause?: Error, errorData?: string) {
    super(message || "Invoke failed", cause, errorData);
  }
}

/** A child context (or a map/parallel item) failed. */
export class ChildContextError extends DurableOperationError {
  override name = "ChildContextError";
  readonly errorType = "ChildContextError";

  /** Creates the error; an empty message becomes `"Child context failed"`. */
  constructor(message?: string, cause?: Error, errorData?: string) {
    super(message || "Child context failed", cause, errorData);
  }
}

/** A `waitForCondition` failed without a recorded error. */
export class WaitForConditionError extends DurableOperationError {
  override name = "WaitForConditionError";
  readonly errorType = "WaitForConditionError";

  /** Creates the error; an empty message becomes `"Wait for condition failed"`. */
  constructor(message?: string, cause?: Error, errorData?: string) {
    super(message || "Wait for condition failed", cause, errorData);
  }
}

/** A `context.promise.*` combinator failed. */
export class PromiseCombinatorError extends DurableOperationError {
  override name = "PromiseCombinatorError";
  readonly errorType = "PromiseCombinatorError";

  /** Creates the error; an empty message becomes `"Promise combinator failed"`. */
  constructor(message?: string, cause?: Error, errorData?: string) {
    super(message || "Promise combinator failed", cause, errorData);
  }
}

/** A batch was ended as failed by a custom `shouldComplete` while no item failed. */
export class BatchCompletionError extends DurableOperationError {
  override name = "BatchCompletionError";
  readonly errorType = "BatchCompletionError";
  /** Why the batch stopped. */
  readonly completionReason: CompletionReason;

  /** Creates the error; an empty message is derived from the completion reason. */
  constructor(
    completionReason: CompletionReason,
    message?: string,
    cause?: Error,
    errorData?: string,
  ) {
    super(
      message || `Batch completed as failed by shouldComplete (${completionReason})`,
      cause,
      errorData,
    );
    this.completionReason = completionReason;
  }
}

type DurableErrorClass = new (
  message?: string,
  cause?: Error,
  data?: string,
) => DurableOperationError;

/** The durable error class rebuilt for a recorded `ErrorType`, if it names one. */
export function durableErrorClass(type: string | undefined): DurableErrorClass | undefined {
  const classes: Record<string, DurableErrorClass> = {
    StepError,
    CallbackError,
    CallbackExternalError,
    CallbackTimeoutError,
    CallbackSubmitterError,
    InvokeError,
    ChildContextError,
    WaitForConditionError,
    PromiseCombinatorError,
  };
  return type !== undefined && Object.hasOwn(classes, type) ? classes[type] : undefined;
}
