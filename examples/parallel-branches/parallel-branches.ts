// Parallel branches: different pieces of work, each in its own child context, run at the same
// time; the batch result keeps them in the order they were given. Each branch can use every
// durable operation, here a step and a wait.
import { withDurableExecution } from "@aws/durable-execution-sdk-js";

export const handler = withDurableExecution(async (event: { userId: string }, context) => {
  const batch = await context.parallel<string | number>("load-dashboard", [
    {
      name: "profile",
      func: async (branch) => branch.step("fetch-profile", async () => `user ${event.userId}`),
    },
    {
      name: "orders",
      func: async (branch) => branch.step("count-orders", async () => 3),
    },
    {
      name: "recommendations",
      func: async (branch) => {
        // A slow partner: the branch waits a minute (durably) before asking.
        await branch.wait("rate-limit-pause", { minutes: 1 });
        return branch.step("fetch-recommendations", async () => "tea, cups");
      },
    },
  ]);

  batch.throwIfError(); // fail the workflow if any branch failed
  const [profile, orders, recommendations] = batch.getResults();
  return { profile, orders, recommendations };
});
