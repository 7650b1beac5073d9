import {
  LocalDurableTestRunner,
  MockDurableExecutionClient,
  expectReplayed,
} from "@aws/durable-execution-sdk-js/testing";
import { handler } from "./error-handling";

beforeAll(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
afterAll(() => LocalDurableTestRunner.teardownTestEnvironment());

const expected = {
  reserved: ["tea"],
  problems: [
    {
      sku: "coffee",
      type: "StepError",
      message: "coffee is out of stock",
      cause: "OutOfStockError",
    },
  ],
  shipping: "unavailable (carrier API down)",
};

test("step failures are caught as typed StepErrors carrying the original error's name", async () => {
  const runner = new LocalDurableTestRunner({ handlerFunction: handler });
  const result = await runner.run({ payload: { items: ["tea", "coffee"] } });
  expect(result.getResult()).toEqual(expected);
  expect(runner.getOperation("reserve-coffee").getStepDetails()?.error).toMatchObject({
    errorType: "OutOfStockError",
    errorMessage: "coffee is out of stock",
  });
});

test("on replay the recorded failure is thrown again, the same way, without re-running", async () => {
  const first = new MockDurableExecutionClient({ payload: { items: ["tea", "coffee"] } });
  expect((await first.invoke(handler)).result).toEqual(expected);

  const replay = new MockDurableExecutionClient({ operations: first.operations });
  const again = await replay.invoke(handler);
  expect(again.result).toEqual(expected);
  expectReplayed(replay, "reserve-coffee");
  expectReplayed(replay, "quote-shipping");
});

test("an error escaping the handler fails the execution", async () => {
  const runner = new LocalDurableTestRunner({ handlerFunction: handler });
  const result = await runner.run({ payload: { items: ["coffee"] } });
  expect(result.getStatus()).toBe("FAILED");
  expect(result.getError()).toMatchObject({
    errorType: "OutOfStockError",
    errorMessage: "coffee is out of stock",
  });
});
