import { LocalDurableTestRunner } from "@aws/durable-execution-sdk-js/testing";
import { MetricsPlugin, createHandler } from "./plugins";

beforeAll(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
afterAll(() => LocalDurableTestRunner.teardownTestEnvironment());

test("the plugin sees invocations, attempts and operation ends", async () => {
  const plugin = new MetricsPlugin();
  const runner = new LocalDurableTestRunner({ handlerFunction: createHandler(plugin) });
  const result = await runner.run();
  expect(result.getStatus()).toBe("SUCCEEDED");

  expect(plugin.metrics.invocations).toEqual([
    { first: true, status: "PENDING" },
    { first: false, status: "SUCCEEDED" },
  ]);
  expect(plugin.metrics.attempts).toEqual([
    { name: "reserve", attempt: 1, outcome: "SUCCEEDED" },
    { name: "pay", attempt: 1, outcome: "FAILED" },
    { name: "pay", attempt: 2, outcome: "SUCCEEDED" },
  ]);
  // An operation's end is reported once, when it happens: not again when it is replayed.
  expect(plugin.metrics.finished).toEqual([
    { name: "reserve", replayed: false },
    { name: "pay", replayed: false },
  ]);
});
