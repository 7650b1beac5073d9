/**
 * Issue 4 benchmark: `map` over N items with maxConcurrency 10 and one step per item, on a
 * zero-latency in-memory client.
 *  - fresh: CPU time (process.cpuUsage), wall time and checkpoint calls of a new execution;
 *  - replay (done): the batch is checkpointed, items are not re-run;
 *  - replay (items): the batch context is still STARTED, every item replays from its own
 *    checkpoints through the engine (what a re-invocation after a suspension does).
 * Target: fresh N=1000 under 200 ms CPU, at most ~one checkpoint call per wave (N/10 + c),
 * replay linear in N.
 * Run: npx tsx bench/map.bench.ts
 */
import { withDurableExecution } from "../src";
import { DurableExecutionInvocationInputWithClient } from "../src/checkpoint/invocation-input-with-client";
import { hashOperationId } from "../src/context/operation-id";
import { BenchClient, benchLambdaContext } from "./memory-service";

const CONCURRENCY = 10;

function handlerFor(n: number) {
  const items = Array.from({ length: n }, (_, i) => i);
  return withDurableExecution(async (_event, ctx) => {
    const result = await ctx.map(
      "bench",
      items,
      async (child, item) => child.step(async () => item * 2),
      { maxConcurrency: CONCURRENCY },
    );
    return result.successCount;
  });
}

function cpuMs(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

async function invoke(client: BenchClient, handler: ReturnType<typeof handlerFor>) {
  const cpu = process.cpuUsage();
  const wall = performance.now();
  const out = await handler(
    new DurableExecutionInvocationInputWithClient(client.envelope(), client),
    benchLambdaContext,
  );
  return { out, cpuMs: cpuMs(cpu), wallMs: performance.now() - wall };
}

async function measure(n: number) {
  const client = new BenchClient();
  const handler = handlerFor(n);
  const fresh = await invoke(client, handler);
  if (fresh.out.Status !== "SUCCEEDED" || (fresh.out as { Result?: string }).Result !== String(n)) {
    throw new Error(`fresh run ended ${JSON.stringify(fresh.out)}`);
  }
  const freshCalls = client.checkpointCalls;

  const done = await invoke(client, handler);
  if (
    (done.out as { Result?: string }).Result !== String(n) ||
    client.checkpointCalls !== freshCalls
  ) {
    throw new Error("replay of a finished map re-ran work");
  }

  // Re-open the batch context: the items must replay through the engine.
  const batchId = hashOperationId("1");
  const batch = client.operations.get(batchId)!;
  client.operations.set(batchId, { ...batch, Status: "STARTED", ContextDetails: undefined });
  const before = client.checkpointCalls;
  const items = await invoke(client, handler);
  if ((items.out as { Result?: string }).Result !== String(n))
    throw new Error("item replay failed");
  const itemReplayCalls = client.checkpointCalls - before;

  return { n, fresh, freshCalls, done, items, itemReplayCalls };
}

async function main() {
  await measure(300); // warm-up
  await measure(1000);
  console.log(`map, maxConcurrency ${CONCURRENCY}, one step per item (in-memory client)`);
  for (const n of [1000, 2000, 4000]) {
    const r = await measure(n);
    console.log(
      `  n=${String(n).padStart(5)}  fresh: cpu ${r.fresh.cpuMs.toFixed(1).padStart(6)} ms, wall ${r.fresh.wallMs
        .toFixed(1)
        .padStart(6)} ms, ${r.freshCalls} checkpoint calls (${n / CONCURRENCY} waves)` +
        `  | replay done: cpu ${r.done.cpuMs.toFixed(1).padStart(5)} ms` +
        `  | replay items: cpu ${r.items.cpuMs.toFixed(1).padStart(6)} ms (${((r.items.cpuMs * 1000) / n).toFixed(1)} us/item, ${r.itemReplayCalls} calls)`,
    );
  }
}

void main();
