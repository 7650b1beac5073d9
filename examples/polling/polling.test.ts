import { LocalDurableTestRunner } from "@aws/durable-execution-sdk-js/testing";
import { exportService, handler } from "./polling";

beforeAll(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
afterAll(() => LocalDurableTestRunner.teardownTestEnvironment());

test("polls until the job is done, sleeping between checks in virtual time", async () => {
  const runner = new LocalDurableTestRunner({ handlerFunction: handler });
  const result = await runner.run({ payload: { jobId: "j-9" } });

  expect(result.getStatus()).toBe("SUCCEEDED");
  expect(result.getResult()).toBe("https://exports.example.com/j-9.zip");
  const poll = runner.getOperation("wait-for-export");
  expect(poll.getStepDetails()?.result).toEqual({ jobId: "j-9", status: "DONE", checks: 4 });
  expect(exportService.requests).toBe(4);
  // One invocation per check: each sleep between checks ends the invocation.
  expect(result.getInvocations().length).toBeGreaterThanOrEqual(4);
});
