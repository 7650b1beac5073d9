// The README's quick start as a runnable module: two steps (one of them retried), a durable
// wait, and a waitForCallback for an approval from outside.
//
//   npm run build && npm run demo
//
// runs it on the embedded durable execution service through the run-durable CLI, which
// skips the wait on its virtual clock and answers the approval callback itself
// (--answer-callbacks). examples/quick-start.test.ts drives it with LocalDurableTestRunner.
import { withDurableExecution } from "@aws/durable-execution-sdk-js";

// ---- stand-ins for the outside world --------------------------------------------------

async function loadOrder(orderId) {
  return { orderId, items: ["coffee beans", "grinder"], total: 129.5 };
}

/** Where the approval request would go (an e-mail, a queue, a ticket...). */
export const approvalRequests = [];

async function sendApprovalRequest(order, callbackId) {
  // Whoever approves completes the callback with this id (SendDurableExecutionCallbackSuccess).
  approvalRequests.push({ orderId: order.orderId, callbackId });
}

const chargeAttempts = new Map();

/** A payment API that times out on the first try for every order. */
async function charge(order) {
  const attempt = (chargeAttempts.get(order.orderId) ?? 0) + 1;
  chargeAttempts.set(order.orderId, attempt);
  if (attempt === 1) throw new Error("payment gateway timed out");
  return { chargeId: `ch_${order.orderId}`, amount: order.total };
}

// ---- the durable workflow ------------------------------------------------------------

const handler = async (event, context) => {
  const order = await context.step("load-order", async () => loadOrder(event.orderId));

  // A durable timer: the function is not running (or billed) while it waits.
  await context.wait("cool-off", { seconds: 30 });

  // Hand a callback id to an external system and wait for its answer.
  const approval = await context.waitForCallback(
    "approval",
    async (callbackId) => sendApprovalRequest(order, callbackId),
    { timeout: { hours: 24 } },
  );

  const receipt = await context.step("charge", async () => charge(order), {
    retryStrategy: (error, attempt) => ({
      shouldRetry: attempt < 3,
      delay: { seconds: 2 ** attempt },
    }),
  });
  context.logger.info("order complete", { orderId: event.orderId, approval });
  return { orderId: event.orderId, receipt };
};

export const lambdaHandler = withDurableExecution(handler);
