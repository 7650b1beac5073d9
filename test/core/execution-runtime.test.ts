/** The invocation's runtime: checkpoint answers without state, the end of an invocation, Lambda contexts without a clock. */
import { withDurableExecution } from "../../src";
import type {
  CheckpointDurableExecutionRequest,
  CheckpointDurableExecutionResponse,
} from "../../src/types/wire";
import { MemoryClient, invoke, lambdaContext } from "../helpers/memory-client";

it("takes a checkpoint answer without NewExecutionState as changing nothing", async () => {
  class StatelessAnswers extends MemoryClient {
    override async checkpoint(
      params: CheckpointDurableExecutionRequest,
    ): Promise<CheckpointDurableExecutionResponse> {
      const { CheckpointToken } = await super.checkpoint(params);
      // The AWS SDK's output type leaves every field optional.
      return { CheckpointToken } as CheckpointDurableExecutionResponse;
    }
  }
  const client = new StatelessAnswers();
  const handler = withDurableExecution(async (_e, ctx) => {
    const a = await ctx.step("a", async () => 1);
    return a + (await ctx.step("b", async () => 2));
  });
  expect(await invoke(client, handler)).toEqual({ Status: "SUCCEEDED", Result: "3" });
  expect(client.updates.map((u) => `${u.Name} ${u.Action}`)).toEqual([
    "a START",
    "a SUCCEED",
    "b START",
    "b SUCCEED",
  ]);
});

it("sends nothing once the invocation has ended, even for a step still running", async () => {
  const client = new MemoryClient();
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const handler = withDurableExecution(async (_e, ctx) => {
    void ctx.step("unawaited", async () => {
      await finished;
      return "late";
    });
    await ctx.step("awaited", async () => "now");
    return "done";
  });
  expect(await invoke(client, handler)).toEqual({ Status: "SUCCEEDED", Result: '"done"' });
  const sent = client.requests.length;
  finish();
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(client.requests.length).toBe(sent);
  expect(client.updates.some((u) => u.Name === "unawaited" && u.Action === "SUCCEED")).toBe(false);
});

it("runs steps and suspends on a wait when the Lambda context has no getRemainingTimeInMillis", async () => {
  const client = new MemoryClient();
  const context = lambdaContext();
  delete (context as { getRemainingTimeInMillis?: unknown }).getRemainingTimeInMillis;
  const handler = withDurableExecution(async (_e, ctx) => {
    // A step that outlives its first turn of the event loop, when the Lambda-time guard is armed.
    await ctx.step("slow", () => new Promise((resolve) => setImmediate(() => resolve(1))));
    await ctx.wait("nap", { seconds: 30 });
    return "woke";
  });
  expect(await invoke(client, handler, context)).toEqual({ Status: "PENDING" });
});
