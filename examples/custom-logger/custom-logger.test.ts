import { LocalDurableTestRunner } from "@aws/durable-execution-sdk-js/testing";
import { MemoryLogger, createHandler } from "./custom-logger";

beforeAll(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
afterAll(() => LocalDurableTestRunner.teardownTestEnvironment());

test("each line is logged once across invocations, with the operation that logged it", async () => {
  const logger = new MemoryLogger();
  const runner = new LocalDurableTestRunner({ handlerFunction: createHandler(logger) });
  const result = await runner.run({ payload: { user: "kim" } });

  expect(result.getInvocations()).toHaveLength(2); // the wait split the run in two
  expect(logger.records).toEqual([
    { level: "info", message: "signup started for kim", operation: undefined, attempt: undefined },
    { level: "info", message: "creating account", operation: "create-account", attempt: 1 },
    { level: "info", message: "sending welcome mail", operation: undefined, attempt: undefined },
  ]);
});
