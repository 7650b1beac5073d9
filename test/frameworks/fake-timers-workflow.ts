/**
 * Shared body of the fake-timer tests (issue 9, item 4): a step, a one-hour wait and a
 * callback answered by the test, plus a run that gets stuck on a faked timer inside a step
 * and must not wedge the shared service for the next run.
 */
import { withDurableExecution } from "../../src";
import { LocalDurableTestRunner } from "../../src/testing";
import { realTimers } from "../../src/timers/real-timers";

const realSleep = (ms: number) => new Promise((r) => realTimers.setTimeout(r, ms));

export const workflow = withDurableExecution(async (event: { name: string }, ctx) => {
  const greeting = await ctx.step("greet", async () => `hello ${event.name}`);
  await ctx.wait("nap", { hours: 1 });
  const [answer] = await ctx.createCallback<string>("approval", { timeout: { days: 1 } });
  return { greeting, answer: await answer };
});

/** Runs the workflow to the end, answering its callback. */
export async function runWorkflow(name: string): Promise<unknown> {
  const runner = new LocalDurableTestRunner({ handlerFunction: workflow });
  const approval = runner.getOperation("approval");
  const pending = runner.run({ payload: { name } });
  await approval.waitForData();
  await approval.sendCallbackSuccess("yes");
  const result = await pending;
  return { status: result.getStatus(), result: result.getResult() };
}

/** A handler whose step sleeps on the (faked) global setTimeout: it never finishes. */
export const stuck = withDurableExecution(async (_event: unknown, ctx) => {
  await ctx.step("sleep", () => new Promise((r) => setTimeout(r, 10)));
  return "never";
});

/** Starts a stuck run and abandons it after a short real time, as a test timeout would. */
export async function abandonStuckRun(): Promise<"still running"> {
  const runner = new LocalDurableTestRunner({ handlerFunction: stuck, reportWaitingAfter: false });
  const pending = runner.run();
  pending.catch(() => {});
  return Promise.race([
    pending.then(() => "finished" as never),
    realSleep(200).then(() => "still running" as const),
  ]);
}
