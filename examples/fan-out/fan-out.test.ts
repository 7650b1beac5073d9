import { LocalDurableTestRunner } from "@aws/durable-execution-sdk-js/testing";
import { firstQuotes, handler } from "./fan-out";

beforeAll(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
afterAll(() => LocalDurableTestRunner.teardownTestEnvironment());

test("a failure within the tolerance is reported, not thrown", async () => {
  const runner = new LocalDurableTestRunner({ handlerFunction: handler });
  const recipients = ["a@example.com", "bad@example.com", "c@example.com"];
  const result = await runner.run({ payload: { recipients } });

  // The execution succeeds; the batch's own status says that some item failed.
  expect(result.getStatus()).toBe("SUCCEEDED");
  expect(result.getResult()).toEqual({
    status: "FAILED",
    reason: "ALL_COMPLETED",
    sent: 2,
    failed: ["bad@example.com"],
  });
  // Each item ran in its own child context, named by itemNamer.
  const items = runner.getOperation("send-newsletter").getChildOperations() ?? [];
  expect(items.map((item) => item.getName())).toEqual([
    "mail-a@example.com",
    "mail-bad@example.com",
    "mail-c@example.com",
  ]);
});

test("minSuccessful stops the batch once enough items succeeded", async () => {
  const runner = new LocalDurableTestRunner({ handlerFunction: firstQuotes });
  const result = await runner.run({ payload: { suppliers: ["s1", "s2", "s3", "s4"], needed: 2 } });

  expect(result.getResult()).toEqual({
    quotes: ["s1: 10", "s2: 10"],
    reason: "MIN_SUCCESSFUL_REACHED",
    started: 2,
  });
});
