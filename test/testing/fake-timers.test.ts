/**
 * What docs/testing.md ("Fake timers") promises: a test may fake `Date` (and only `Date`)
 * while the embedded service and the mock client run handlers.
 */
import { withDurableExecution } from "../../src";
import { LocalDurableTestRunner, MockDurableExecutionClient } from "../../src/testing";

const FIXED = new Date("2030-01-01T00:00:00Z");

const handler = withDurableExecution(async (_event, context) => {
  const seen = await context.step("read-clock", async () => new Date().toISOString());
  await context.wait("nap", { hours: 1 });
  return seen;
});

beforeAll(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
afterAll(() => LocalDurableTestRunner.teardownTestEnvironment());
beforeEach(() => {
  jest.useFakeTimers({
    now: FIXED,
    doNotFake: [
      "setTimeout",
      "clearTimeout",
      "setImmediate",
      "clearImmediate",
      "setInterval",
      "clearInterval",
      "nextTick",
      "queueMicrotask",
      "hrtime",
      "performance",
    ],
  });
});
afterEach(() => jest.useRealTimers());

test("LocalDurableTestRunner runs with a faked Date", async () => {
  const result = await new LocalDurableTestRunner({ handlerFunction: handler }).run();
  expect(result.getResult()).toBe(FIXED.toISOString());
});

test("MockDurableExecutionClient runs with a faked Date", async () => {
  const run = await new MockDurableExecutionClient().invokeUntilDone(handler);
  expect(run.result).toBe(FIXED.toISOString());
});
