// The same unit test under node:test (TypeScript through tsx):
//   node --import tsx --test examples/unit-testing/order-workflow.node-test.ts
// The assertion helpers throw AssertionError, which node:test reports like its own.
import assert from "node:assert/strict";
import { mock, test } from "node:test";
import {
  MockDurableExecutionClient,
  expectReplayed,
  expectStepsCheckpointed,
} from "@aws/durable-execution-sdk-js/testing";
import { createOrderHandler } from "./order-workflow";

test("prices once, waits, then sends one receipt", async () => {
  const sendReceipt = mock.fn(async () => "r-node");
  const client = new MockDurableExecutionClient({ payload: { orderId: "o-n", items: [4] } });

  const run = await client.invokeUntilDone(createOrderHandler(sendReceipt));

  assert.equal(run.status, "SUCCEEDED");
  assert.deepEqual(run.result, { orderId: "o-n", total: 4, receiptId: "r-node" });
  expectStepsCheckpointed(client, ["price", { name: "send-receipt", result: "r-node" }]);
  expectReplayed(client, "price");
  assert.equal(sendReceipt.mock.callCount(), 1);
});

test("a failed expectation is a readable AssertionError", () => {
  const client = new MockDurableExecutionClient();
  assert.throws(() => expectStepsCheckpointed(client, ["price"]), {
    name: "AssertionError",
    message: /step #1 "price" was not checkpointed/,
  });
});
