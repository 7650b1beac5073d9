// Chained invoke: one durable function calls another Lambda function by name (or ARN) and
// suspends until it finishes. The call is checkpointed, so a replay does not invoke the
// target again. The target can be durable itself or a plain Lambda function.
import { InvokeError, withDurableExecution } from "@aws/durable-execution-sdk-js";

/** The function being invoked: a durable fraud check. */
export const fraudCheck = withDurableExecution(async (payment: { amount: number }, context) =>
  context.step("score", async () => ({ score: payment.amount > 1000 ? 0.9 : 0.1 })),
);

/** A plain (not durable) Lambda handler, invoked the same way. */
export const taxService = async (event: { amount: number }) => ({ tax: event.amount * 0.2 });

export const handler = withDurableExecution(async (payment: { amount: number }, context) => {
  const { score } = await context.invoke<{ amount: number }, { score: number }>(
    "fraud-check",
    "fraud-check-function",
    payment,
  );
  if (score > 0.5) return { accepted: false, reason: "fraud score too high" };

  let tax = 0;
  try {
    tax = (
      await context.invoke<{ amount: number }, { tax: number }>("tax", "tax-function", payment)
    ).tax;
  } catch (error) {
    // The invoked function failed or timed out.
    if (!(error instanceof InvokeError)) throw error;
    return { accepted: false, reason: `tax service: ${error.message}` };
  }
  return { accepted: true, total: payment.amount + tax };
});
