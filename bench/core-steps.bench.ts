/**
 * Issue 2 benchmark: fresh execution of N sequential steps against a zero-latency in-memory
 * client, and replay of N finished steps (cost per operation must not grow with N).
 * Run: npx tsx bench/core-steps.bench.ts
 */
import { withDurableExecution } from "../src";
import { DurableExecutionInvocationInputWithClient } from "../src/checkpoint/invocation-input-with-client";
import { BenchClient, benchLambdaContext } from "./memory-service";

function handlerFor(n: number) {
  return withDurableExecution(async (_event, ctx) => {
    let total = 0;
    for (let i = 0; i < n; i++) total += await ctx.step(async () => i);
    return total;
  });
}

async function measure(n: number) {
  const client = new BenchClient();
  const handler = handlerFor(n);
  let start = performance.now();
  const fresh = await handler(
    new DurableExecutionInvocationInputWithClient(client.envelope(), client),
    benchLambdaContext,
  );
  const freshMs = performance.now() - start;
  if (fresh.Status !== "SUCCEEDED") throw new Error(`fresh run ended ${fresh.Status}`);
  const calls = client.checkpointCalls;
  start = performance.now();
  const replay = await handler(
    new DurableExecutionInvocationInputWithClient(client.envelope(), client),
    benchLambdaContext,
  );
  const replayMs = performance.now() - start;
  if (replay.Status !== "SUCCEEDED" || client.checkpointCalls !== calls)
    throw new Error("replay re-ran work");
  return {
    n,
    freshMs,
    replayMs,
    freshUsPerOp: (freshMs * 1000) / n,
    replayUsPerOp: (replayMs * 1000) / n,
  };
}

async function main() {
  await measure(200); // warm-up
  const rows = [];
  for (const n of [100, 1000, 10_000]) rows.push(await measure(n));
  console.log("core steps (fresh = new execution, replay = all steps already checkpointed)");
  for (const r of rows) {
    console.log(
      `  n=${String(r.n).padStart(6)}  fresh ${r.freshMs.toFixed(1).padStart(8)} ms (${r.freshUsPerOp.toFixed(1)} us/op)  replay ${r.replayMs.toFixed(1).padStart(8)} ms (${r.replayUsPerOp.toFixed(1)} us/op)`,
    );
  }
}

void main();
