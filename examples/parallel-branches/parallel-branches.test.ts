import { LocalDurableTestRunner } from "@aws/durable-execution-sdk-js/testing";
import { handler } from "./parallel-branches";

beforeAll(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
afterAll(() => LocalDurableTestRunner.teardownTestEnvironment());

test("branches run in their own child contexts and their results keep the given order", async () => {
  const runner = new LocalDurableTestRunner({ handlerFunction: handler });
  const result = await runner.run({ payload: { userId: "u1" } });

  expect(result.getResult()).toEqual({
    profile: "user u1",
    orders: 3,
    recommendations: "tea, cups",
  });
  const branches = runner.getOperation("load-dashboard").getChildOperations() ?? [];
  expect(branches.map((b) => [b.getName(), b.getType(), b.getStatus()])).toEqual([
    ["profile", "CONTEXT", "SUCCEEDED"],
    ["orders", "CONTEXT", "SUCCEEDED"],
    ["recommendations", "CONTEXT", "SUCCEEDED"],
  ]);
  expect(runner.getOperation("rate-limit-pause").getWaitDetails()?.waitSeconds).toBe(60);
});
