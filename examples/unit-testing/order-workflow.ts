// The workflow the unit-testing examples test with MockDurableExecutionClient: a step, a
// durable wait, another step. `sendReceipt` is injected, so a test can count its calls.
import { withDurableExecution } from "@aws/durable-execution-sdk-js";

export interface Order {
  orderId: string;
  items: number[];
}

export function createOrderHandler(
  sendReceipt: (orderId: string, total: number) => Promise<string>,
) {
  return withDurableExecution(async (order: Order, context) => {
    const total = await context.step("price", async () => order.items.reduce((a, b) => a + b, 0));
    await context.wait("cooling-off", { days: 1 });
    const receiptId = await context.step("send-receipt", async () =>
      sendReceipt(order.orderId, total),
    );
    return { orderId: order.orderId, total, receiptId };
  });
}

/** For `run-durable`. */
export const handler = createOrderHandler(async (orderId) => `receipt-${orderId}`);
