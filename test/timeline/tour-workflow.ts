/**
 * A workflow that exercises everything the timeline draws: a step that fails twice and is
 * retried, a 24-hour wait, a callback answered an hour later while a parallel branch waits,
 * a map, and an invoke of a plain function. Runs on the embedded service with time skipping.
 */
import { withDurableExecution } from "../../src";
import { LocalDurableTestRunner, WaitingOperationStatus, type TestResult } from "../../src/testing";

/** Runs the tour once and returns its result (sets up and tears down the environment). */
export async function runTour(): Promise<TestResult> {
  let calls = 0;
  const handler = withDurableExecution(async (event: { items: number[] }, context) => {
    const fetched = await context.step(
      "fetch",
      async () => {
        if (++calls < 3) throw new Error(`upstream busy (attempt ${calls})`);
        return { items: event.items };
      },
      { retryStrategy: (_e, attempt) => ({ shouldRetry: attempt < 5, delay: { seconds: 30 } }) },
    );
    await context.wait("cool-down", { hours: 24 });
    const review = await context.parallel("review", [
      {
        name: "approval-branch",
        func: (ctx) =>
          ctx.waitForCallback<string>("approval", async () => {}, { timeout: { hours: 48 } }),
      },
      {
        name: "reminder-branch",
        func: async (ctx) => {
          await ctx.wait("remind-later", { hours: 1 });
          return ctx.step("remind", async () => "reminded");
        },
      },
    ]);
    const charged = await context.map("charge", fetched.items, (ctx, item) =>
      ctx.step(`charge-${item}`, async () => item * 10),
    );
    const priced = await context.invoke("price", "pricer", { items: charged.getResults() });
    return { review: review.getResults(), priced };
  });

  await LocalDurableTestRunner.setupTestEnvironment({ skipTime: true });
  try {
    const runner = new LocalDurableTestRunner({ handlerFunction: handler });
    runner.registerFunction("pricer", async (event: { items: number[] }) => ({
      total: event.items.reduce((a, b) => a + b, 0),
    }));
    const running = runner.run({ payload: { items: [1, 2, 3] } });
    // Answer the approval once the one-hour reminder has passed on the service's clock.
    await runner.getOperation("remind").waitForData(WaitingOperationStatus.COMPLETED);
    const approval = runner.getOperation("approval");
    await approval.waitForData(WaitingOperationStatus.SUBMITTED);
    await approval.sendCallbackSuccess(JSON.stringify("approved"));
    return await running;
  } finally {
    await LocalDurableTestRunner.teardownTestEnvironment();
  }
}
