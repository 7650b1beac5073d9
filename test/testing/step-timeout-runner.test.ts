/** Step timeouts on the embedded service: the timeout is an ordinary failed attempt in the history. */
import { StepTimeoutError, withDurableExecution } from "../../src";
import { LocalDurableTestRunner } from "../../src/testing";

beforeAll(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
afterAll(() => LocalDurableTestRunner.teardownTestEnvironment());

test("a timed-out first attempt is retried by the service and the second attempt succeeds", async () => {
  const reasons: string[] = [];
  const handler = withDurableExecution(async (_event, ctx) =>
    ctx.step(
      "slow",
      ({ attempt, signal }) =>
        attempt === 1
          ? new Promise<string>((_resolve, reject) =>
              signal?.addEventListener("abort", () => {
                reasons.push((signal.reason as Error).name);
                reject(signal.reason as Error);
              }),
            )
          : Promise.resolve(`attempt ${attempt}`),
      {
        timeout: { seconds: 1 },
        retryStrategy: (error, attempt) => ({
          shouldRetry: error instanceof StepTimeoutError && attempt < 3,
          delay: { seconds: 5 },
        }),
      },
    ),
  );
  const runner = new LocalDurableTestRunner({ handlerFunction: handler });
  const result = await runner.run();
  expect(result.getResult()).toBe("attempt 2");
  expect(reasons).toEqual(["StepTimeoutError"]);
  const details = runner.getOperation("slow").getStepDetails();
  expect(details?.attempt).toBe(2);
  expect(result.getInvocations()).toHaveLength(2);
});
