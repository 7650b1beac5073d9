// Unit tests with MockDurableExecutionClient under jest: no service, no timers, one
// invocation at a time, every checkpoint recorded. See docs/testing.md.
import {
  MockDurableExecutionClient,
  expectExecuted,
  expectReplayed,
  expectStepsCheckpointed,
  expectUpdatesInOrder,
} from "@aws/durable-execution-sdk-js/testing";
import { createOrderHandler } from "./order-workflow";

test("first invocation prices the order and suspends on the wait", async () => {
  const sendReceipt = jest.fn(async () => "r-1");
  const client = new MockDurableExecutionClient({ payload: { orderId: "o-1", items: [5, 7] } });

  const run = await client.invoke(createOrderHandler(sendReceipt));

  expect(run.status).toBe("PENDING");
  expectStepsCheckpointed(client, [{ name: "price", result: 12 }]);
  expectUpdatesInOrder(client, [{ name: "cooling-off", type: "WAIT", action: "START" }]);
  expect(sendReceipt).not.toHaveBeenCalled();
});

test("after the wait, the price step is replayed and the receipt is sent once", async () => {
  const sendReceipt = jest.fn(async () => "r-1");
  const handler = createOrderHandler(sendReceipt);
  const client = new MockDurableExecutionClient({ payload: { orderId: "o-1", items: [5, 7] } });

  await client.invoke(handler);
  client.completeWait("cooling-off"); // or client.advance() for every wait and retry
  const run = await client.invoke(handler);

  expect(run).toMatchObject({
    status: "SUCCEEDED",
    result: { orderId: "o-1", total: 12, receiptId: "r-1" },
  });
  expectReplayed(client, "price");
  expectExecuted(client, "send-receipt");
  expect(sendReceipt).toHaveBeenCalledTimes(1);
  expect(sendReceipt).toHaveBeenCalledWith("o-1", 12);
});

test("a recorded history is replayed without running its steps", async () => {
  const sendReceipt = jest.fn(async () => "r-2");
  const first = new MockDurableExecutionClient({ payload: { orderId: "o-2", items: [1] } });
  await first.invokeUntilDone(createOrderHandler(sendReceipt));

  // A new client seeded with what the first one recorded: everything replays.
  const replay = new MockDurableExecutionClient({ operations: first.operations });
  const run = await replay.invoke(createOrderHandler(sendReceipt));

  expect(run.result).toEqual({ orderId: "o-2", total: 1, receiptId: "r-2" });
  expect(replay.updates).toEqual([]); // nothing new was checkpointed
  expect(sendReceipt).toHaveBeenCalledTimes(1);
});
