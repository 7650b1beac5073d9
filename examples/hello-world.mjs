// The smallest useful durable function: one checkpointed step, a durable wait, and a result.
// It is what test/bundle bundles to keep the SDK's footprint honest (under 50 KB minified
// with @aws-sdk/* left to the Lambda runtime), and what examples/sam deploys.
import { withDurableExecution } from "@aws/durable-execution-sdk-js";

export const handler = withDurableExecution(async (event, context) => {
  const greeting = await context.step("greet", async () => `Hello, ${event?.name ?? "world"}!`);
  // The function is not running while it waits; the service invokes it again afterwards.
  await context.wait("pause", { seconds: 2 });
  return { greeting };
});
