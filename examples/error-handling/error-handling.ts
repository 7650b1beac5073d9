// Error handling and typed errors. A step that throws (after its retries) makes the awaited
// operation throw a StepError; the original error is its `cause`, and `errorData` carries
// machine-readable details. These survive replay: a failed step is not re-run, its recorded
// failure is thrown again, as an equal StepError. Durable errors are classes, so
// `instanceof` tells apart a failed step, a failed child context, a callback timeout...
// (all of them extend DurableOperationError).
import {
  ChildContextError,
  StepError,
  retryPresets,
  withDurableExecution,
} from "@aws/durable-execution-sdk-js";

/** A business error with details, thrown inside a step. */
export class OutOfStockError extends Error {
  override name = "OutOfStockError";
  constructor(readonly sku: string) {
    super(`${sku} is out of stock`);
  }
}

const stock: Record<string, number> = { tea: 5, coffee: 0 };

export const handler = withDurableExecution(async (event: { items: string[] }, context) => {
  const reserved: string[] = [];
  const problems: { sku: string; type: string; message: string; cause?: string }[] = [];
  for (const sku of event.items) {
    try {
      await context.step(
        `reserve-${sku}`,
        async () => {
          if (!stock[sku]) throw new OutOfStockError(sku);
          return sku;
        },
        { retryStrategy: retryPresets.noRetry },
      );
      reserved.push(sku);
    } catch (error) {
      // Always a StepError here, on the first run and on replay alike.
      if (!(error instanceof StepError)) throw error;
      problems.push({
        sku,
        type: error.errorType,
        message: error.message,
        cause: error.cause?.name,
      });
    }
  }

  // A failure inside a child context arrives as a ChildContextError.
  const shipping = await context
    .runInChildContext("quote-shipping", async (child) => {
      await child.step(
        "call-carrier",
        async () => {
          throw new Error("carrier API down");
        },
        { retryStrategy: retryPresets.noRetry },
      );
      return 0;
    })
    .catch((error: unknown) => {
      if (error instanceof ChildContextError) return `unavailable (${error.message})`;
      throw error;
    });

  if (reserved.length === 0) {
    // An error escaping the handler fails the execution with this message and type.
    throw new OutOfStockError(event.items.join(","));
  }
  return { reserved, problems, shipping };
});
