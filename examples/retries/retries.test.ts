import { LocalDurableTestRunner } from "@aws/durable-execution-sdk-js/testing";
import { audit, handler, inventory, pricing, warehouse } from "./retries";

beforeAll(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
afterAll(() => LocalDurableTestRunner.teardownTestEnvironment());

test("each step retries by its own strategy; retry delays pass in virtual time", async () => {
  const runner = new LocalDurableTestRunner({ handlerFunction: handler });
  const result = await runner.run({ payload: { sku: "tea" } });

  expect(result.getStatus()).toBe("SUCCEEDED");
  expect(result.getResult()).toEqual({
    receipt: "tea:12 @ 9.99",
    audited: false,
    pickList: "pick-2", // the block's second attempt succeeded
  });
  // Attempts: two rate-limit failures then success; three timeouts then success; one try.
  expect(runner.getOperation("check-stock").getStepDetails()?.attempt).toBe(3);
  expect(runner.getOperation("get-price").getStepDetails()?.attempt).toBe(4);
  expect(runner.getOperation("write-audit").getStepDetails()?.error?.errorMessage).toBe(
    "audit log unavailable",
  );
  expect([inventory.calls, pricing.calls, audit.calls, warehouse.calls]).toEqual([3, 4, 1, 2]);
  // withRetry waited durably between the block's attempts.
  const backoff = result.getOperations().filter((op) => op.getType() === "WAIT");
  expect(backoff.map((op) => op.getName())).toEqual(["reserve-and-confirm-backoff-1"]);
});
