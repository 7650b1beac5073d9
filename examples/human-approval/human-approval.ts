// Human approval: waitForCallback hands a callback id to a person (an e-mail, a chat message,
// a ticket) and suspends the function until they answer or the timeout passes. The answer
// arrives through SendDurableExecutionCallbackSuccess / Failure with that id.
import { CallbackTimeoutError, withDurableExecution } from "@aws/durable-execution-sdk-js";

export interface ExpenseClaim {
  claimId: string;
  amount: number;
  approver: string;
}

export interface Decision {
  approved: boolean;
  comment?: string;
}

/** Stand-in for the message a manager receives, with the id their answer must carry. */
export const outbox: { to: string; claimId: string; callbackId: string }[] = [];

export const handler = withDurableExecution(async (claim: ExpenseClaim, context) => {
  let decision: Decision;
  try {
    decision = await context.waitForCallback<Decision>(
      "manager-approval",
      async (callbackId) => {
        outbox.push({ to: claim.approver, claimId: claim.claimId, callbackId });
      },
      {
        timeout: { days: 3 },
        // The answer is sent as JSON text; parse it into a Decision.
        serdes: { deserialize: async (text) => (text ? JSON.parse(text) : undefined) },
      },
    );
  } catch (error) {
    if (!(error instanceof CallbackTimeoutError)) throw error;
    // Nobody answered within three days: escalate instead of failing.
    decision = { approved: false, comment: "no answer within 3 days, escalated" };
    await context.step("escalate", async () => `escalated ${claim.claimId}`);
  }

  const status = await context.step("record-decision", async () =>
    decision.approved ? "PAID" : "REJECTED",
  );
  return { claimId: claim.claimId, status, comment: decision.comment };
});
