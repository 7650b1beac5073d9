/**
 * Durable handlers used by the runner tests, written against the real SDK. Each is
 * registered under its key as a function name on the HTTP face for the cloud runner.
 */
import { retryPresets, withDurableExecution } from "../../../src";

/** Two steps around a 30-second wait. */
export const orderWorkflow = withDurableExecution(
  async (event: { orderId: string; amount: number }, context) => {
    const reservation = await context.step("reserve", async () => ({
      reservation: `r-${event.orderId}`,
    }));
    await context.wait("cool-off", { seconds: 30 });
    const receipt = await context.step("charge", async () => ({
      charged: event.amount,
      reservation: reservation.reservation,
    }));
    return { ...receipt, status: "done" };
  },
);

/** Waits for an approval sent from outside (waitForCallback), then finishes with a step. */
export const approvalWorkflow = withDurableExecution(
  async (event: { requestId: string }, context) => {
    // The callback result arrives as the string the test sent.
    const answer = await context.waitForCallback<string>(
      "approval",
      async (callbackId) => {
        // A real submitter would mail the id to an approver; the test answers instead.
        if (!callbackId) throw new Error("no callback id");
      },
      { timeout: { hours: 1 } },
    );
    const decision = JSON.parse(answer) as { approved: boolean; by: string };
    return context.step("finish", async () => ({
      requestId: event.requestId,
      approved: decision.approved,
      by: decision.by,
    }));
  },
);

/** A callback kept alive by heartbeats; its failure fails the execution. */
export const paymentWorkflow = withDurableExecution(async (_event: unknown, context) => {
  const [payment] = await context.createCallback<string>("payment", {
    timeout: { hours: 1 },
    heartbeatTimeout: { minutes: 5 },
  });
  const answer = await payment;
  return { paid: answer };
});

/** A step that fails for good; the execution fails with it. */
export const failingStepWorkflow = withDurableExecution(
  async (event: { orderId?: string }, context) => {
    await context.step("load", async () => "loaded");
    await context.step(
      "validate",
      async () => {
        if (!event.orderId) throw new TypeError("order id missing");
        return "valid";
      },
      { retryStrategy: retryPresets.noRetry },
    );
    return "unreachable";
  },
);

/** A handler body that throws after a step. */
export const throwingWorkflow = withDurableExecution(async (_event: unknown, context) => {
  await context.step("prepare", async () => 1);
  throw new RangeError("quantity must be positive");
});

/** Echoes its event, to check payload delivery. */
export const echoWorkflow = withDurableExecution(async (event: unknown, context) => {
  return context.step("echo", async () => ({ received: event ?? "nothing" }));
});

/** Every workflow, by the function name it is deployed under. */
export const WORKFLOWS = {
  orders: orderWorkflow,
  approvals: approvalWorkflow,
  payments: paymentWorkflow,
  "failing-step": failingStepWorkflow,
  throwing: throwingWorkflow,
  echo: echoWorkflow,
};

/** A deployed function name. */
export type WorkflowName = keyof typeof WORKFLOWS;
