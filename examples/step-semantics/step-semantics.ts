// Step semantics: what happens when an invocation dies in the middle of a step.
//
// - AtLeastOncePerRetry (the default) runs the step body at once; if the invocation ends
//   before the result is checkpointed, the next invocation runs the body again.
// - AtMostOncePerRetry first checkpoints that the attempt started; if the invocation ends
//   before the result is saved, the attempt is never re-run: it fails with a
//   StepInterruptedError, which the step's retry strategy may retry (a new attempt) or not.
//
// Use at-most-once for side effects that must not happen twice (charging a card without an
// idempotency key); at-least-once, and an idempotent body, for everything else.
import { StepSemantics, retryPresets, withDurableExecution } from "@aws/durable-execution-sdk-js";

export const payments: string[] = [];

export const handler = withDurableExecution(async (event: { orderId: string }, context) => {
  const quote = await context.step("quote", async () => ({ orderId: event.orderId, total: 42 }));

  const charge = await context.step(
    "charge-card",
    async () => {
      payments.push(event.orderId);
      return `charged ${quote.total} for ${quote.orderId}`;
    },
    { semantics: StepSemantics.AtMostOncePerRetry, retryStrategy: retryPresets.noRetry },
  );
  return charge;
});
