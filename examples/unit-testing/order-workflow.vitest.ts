// The same unit test under vitest (run with examples/unit-testing/vitest.config.mts):
//   npx vitest run --config examples/unit-testing/vitest.config.mts
import { expect, test, vi } from "vitest";
import {
  MockDurableExecutionClient,
  expectReplayed,
  expectStepsCheckpointed,
} from "@aws/durable-execution-sdk-js/testing";
import { createOrderHandler } from "./order-workflow";

test("prices once, waits, then sends one receipt", async () => {
  const sendReceipt = vi.fn(async () => "r-vitest");
  const client = new MockDurableExecutionClient({ payload: { orderId: "o-v", items: [2, 3] } });

  const run = await client.invokeUntilDone(createOrderHandler(sendReceipt));

  expect(run.status).toBe("SUCCEEDED");
  expect(run.result).toEqual({ orderId: "o-v", total: 5, receiptId: "r-vitest" });
  expectStepsCheckpointed(client, [
    { name: "price", result: 5 },
    { name: "send-receipt", result: "r-vitest" },
  ]);
  expectReplayed(client, "price");
  expect(sendReceipt).toHaveBeenCalledTimes(1);
});
