import type { CompletionReason } from "../types/completion-reason";
import type { ErrorObject } from "../types/wire";

/** How many `cause` links {@link DurableOperationError.toErrorObject} follows looking for error data. */
const MAX_CAUSE_DEPTH = 10;

/** Wire type and default message of a concrete durable error class. */
interface DurableErrorInfo {
  readonly type: string;
  readonly defaultMessage: string;
}

/** Builds the static `info` of a concrete durable error class. */
function errorInfo(type: string, defaultMessage: string): DurableErrorInfo {
  return { type, defaultMessage };
}

/**
 * Base class of every failure a durable operation reports to user code. It carries
 * the wire error type, the underlying cause and optional machine-readable error data,
 * and converts to and from the {@link ErrorObject} record stored in checkpoints.
 * Concrete classes declare their wire type and default message in a static `info`, so
 * `name` and `errorType` survive minification.
 *
 * @example
 * ```ts
 * try {
 *   await context.step("risky", doRiskyThing);
 * } catch (error) {
 *   if (error instanceof DurableOperationError) {
 *     context.logger.error(error.errorType, error.message, error.cause?.name);
 *   }
 * }
 * ```
 */
export abstract class DurableOperationError extends Error {
  /** Wire type and default message; set by each concrete class. */
  protected static readonly info?: DurableErrorInfo;
  /** The error that made the operation fail, when known. */
  override cause?: Error;
  /** Opaque payload (usually JSON) supplied with the failure, e.g. by an external system. */
  errorData?: string;
  /** Reserved for stack lines of a remote failure; the SDK leaves it unset. */
  stackTrace?: string[];
  /**
   * Type name written as `ErrorType` in the error record. Assigned in the constructor after
   * `name`, so `JSON.stringify(error)` lists `cause`, `name`, `errorType` like the reference.
   */
  declare readonly errorType: string;

  /** Creates the error; an empty message becomes the class's default message. */
  constructor(message?: string, cause?: Error, errorData?: string) {
    const info = (new.target as unknown as { info?: DurableErrorInfo }).info;
    super(message || info?.defaultMessage || "");
    this.cause = cause;
    this.errorData = errorData;
    this.stackTrace = undefined;
    this.name = info?.type ?? new.target.name;
    (this as { errorType: string }).errorType = this.name;
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

/**
 * A step failed after its retries were exhausted (also used for unknown recorded failures).
 *
 * @example
 * ```ts
 * try {
 *   await context.step("reserve", async () => reserve(sku));
 * } catch (error) {
 *   if (error instanceof StepError && error.cause?.name === "OutOfStockError") return "sold out";
 *   throw error;
 * }
 * ```
 */
export class StepError extends DurableOperationError {
  protected static override readonly info = errorInfo("StepError", "Step failed");
  declare readonly errorType: "StepError";
}

/**
 * An attempt of a step (or a `waitForCondition` check) ran longer than its `timeout`
 * (`checkTimeout`). It reaches the retry strategy like any other failure and, once the step
 * gives up, is recorded as the step's error (`ErrorType` `"StepTimeoutError"`), so a replay
 * throws it again. An SDK that does not know the type (the reference) replays it as a
 * `StepError` whose `cause.name` is `"StepTimeoutError"`. Its `name` and `errorType` are
 * `"StepTimeoutError"` (the declared type of `errorType` stays the one of `StepError`).
 *
 * @example
 * ```ts
 * try {
 *   await context.step("quote", ({ signal }) => fetchQuote({ signal }), {
 *     timeout: { seconds: 10 },
 *     retryStrategy: retryPresets.noRetry,
 *   });
 * } catch (error) {
 *   if (error instanceof StepTimeoutError) return { quote: undefined };
 *   throw error;
 * }
 * ```
 */
export class StepTimeoutError extends StepError {
  protected static override readonly info = errorInfo("StepTimeoutError", "Step timed out");
}

/**
 * A callback failed; catching this class also catches every more specific callback failure.
 *
 * @example
 * ```ts
 * try {
 *   await context.waitForCallback("approval", sendRequest, { timeout: { days: 1 } });
 * } catch (error) {
 *   if (error instanceof CallbackError) return { approved: false }; // timed out, refused, ...
 *   throw error;
 * }
 * ```
 */
export class CallbackError extends DurableOperationError {
  protected static override readonly info = errorInfo("CallbackError", "Callback failed");
}

/**
 * The external system completed the callback with a failure.
 *
 * @example
 * ```ts
 * try {
 *   await answer;
 * } catch (error) {
 *   if (error instanceof CallbackExternalError) console.log("refused:", error.message);
 * }
 * ```
 */
export class CallbackExternalError extends CallbackError {
  protected static override readonly info = errorInfo("CallbackExternalError", "Callback failed");
}

/**
 * The callback (or its heartbeat) timed out.
 *
 * @example
 * ```ts
 * try {
 *   await context.waitForCallback("approval", sendRequest, { timeout: { hours: 24 } });
 * } catch (error) {
 *   if (error instanceof CallbackTimeoutError) await context.step("escalate", escalate);
 *   else throw error;
 * }
 * ```
 */
export class CallbackTimeoutError extends CallbackError {
  protected static override readonly info = errorInfo("CallbackTimeoutError", "Callback timed out");
}

/**
 * The submitter step of `waitForCallback` failed.
 *
 * @example
 * ```ts
 * try {
 *   await context.waitForCallback("ticket", async (id) => jira.create(id));
 * } catch (error) {
 *   if (error instanceof CallbackSubmitterError) return "could not open the ticket";
 *   throw error;
 * }
 * ```
 */
export class CallbackSubmitterError extends CallbackError {
  protected static override readonly info = errorInfo(
    "CallbackSubmitterError",
    "Callback submitter failed",
  );
}

/**
 * The invoked function failed, timed out or was stopped.
 *
 * @example
 * ```ts
 * try {
 *   await context.invoke("pricing", "pricing-function:live", { sku });
 * } catch (error) {
 *   if (error instanceof InvokeError) return { price: undefined, reason: error.message };
 *   throw error;
 * }
 * ```
 */
export class InvokeError extends DurableOperationError {
  protected static override readonly info = errorInfo("InvokeError", "Invoke failed");
  declare readonly errorType: "InvokeError";
}

/**
 * A child context (or a map/parallel item) failed.
 *
 * @example
 * ```ts
 * try {
 *   await context.runInChildContext("bookings", bookEverything);
 * } catch (error) {
 *   if (error instanceof ChildContextError) await context.step("compensate", undoBookings);
 * }
 * ```
 */
export class ChildContextError extends DurableOperationError {
  protected static override readonly info = errorInfo("ChildContextError", "Child context failed");
  declare readonly errorType: "ChildContextError";
}

/**
 * A `waitForCondition` failed without a recorded error.
 *
 * @example
 * ```ts
 * try {
 *   await context.waitForCondition("ready", check, { initialState, waitStrategy });
 * } catch (error) {
 *   if (error instanceof WaitForConditionError) return { ready: false };
 *   throw error;
 * }
 * ```
 */
export class WaitForConditionError extends DurableOperationError {
  protected static override readonly info = errorInfo(
    "WaitForConditionError",
    "Wait for condition failed",
  );
  declare readonly errorType: "WaitForConditionError";
}

/**
 * A `context.promise.*` combinator failed.
 *
 * @example
 * ```ts
 * try {
 *   await context.promise.any("first-quote", [quoteA, quoteB]);
 * } catch (error) {
 *   if (error instanceof PromiseCombinatorError) return "no supplier answered";
 * }
 * ```
 */
export class PromiseCombinatorError extends DurableOperationError {
  protected static override readonly info = errorInfo(
    "PromiseCombinatorError",
    "Promise combinator failed",
  );
  declare readonly errorType: "PromiseCombinatorError";
}

/**
 * A batch was ended as failed by a custom `shouldComplete` while no item failed.
 *
 * @example
 * ```ts
 * try {
 *   await context.map("all-or-nothing", items, work, { completionConfig: { toleratedFailureCount: 0 } });
 * } catch (error) {
 *   if (error instanceof BatchCompletionError) context.logger.warn("batch failed", error.message);
 * }
 * ```
 */
export class BatchCompletionError extends DurableOperationError {
  protected static override readonly info = errorInfo("BatchCompletionError", "");
  declare readonly errorType: "BatchCompletionError";
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

type DurableErrorClass = (new (
  message?: string,
  cause?: Error,
  data?: string,
) => DurableOperationError) & { readonly info?: DurableErrorInfo };

/** The durable error classes a record's `ErrorType` rebuilds (BatchCompletionError aside). */
const REBUILT_CLASSES = [
  StepError,
  StepTimeoutError,
  CallbackError,
  CallbackExternalError,
  CallbackTimeoutError,
  CallbackSubmitterError,
  InvokeError,
  ChildContextError,
  WaitForConditionError,
  PromiseCombinatorError,
] as unknown as readonly DurableErrorClass[];

/** The durable error class rebuilt for a recorded `ErrorType`, if it names one. */
export function durableErrorClass(type: string | undefined): DurableErrorClass | undefined {
  return REBUILT_CLASSES.find((known) => known.info?.type === type);
}
