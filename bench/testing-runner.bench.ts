/**
 * Issue 3 benchmark: LocalDurableTestRunner with time skipping on the embedded service.
 * - 1,000 sequential steps in one run (target: < 400 ms real time)
 * - a 3-step run and a step + wait + step run (target: a few ms beyond the SDK's own cooldowns)
 * - a 24-hour wait and a callback with a 1-hour timeout (skipped on the virtual clock)
 * Run: npx tsx bench/testing-runner.bench.ts   (or: npm run bench -- testing)
 */
import { withDurableExecution } from "../src";
import { LocalDurableTestRunner } from "../src/testing";

type Handler = ConstructorParameters<typeof LocalDurableTestRunner>[0]["handlerFunction"];

const steps = (n: number): Handler =>
  withDurableExecution(async (_event, ctx) => {
    let total = 0;
    for (let i = 0; i < n; i++) total += await ctx.step(`s${i}`, async () => i);
    return total;
  }) as Handler;

const stepWaitStep: Handler = withDurableExecution(async (_event, ctx) => {
  await ctx.step("a", async () => 1);
  await ctx.wait({ seconds: 5 });
  return ctx.step("b", async () => 2);
}) as Handler;

const longWait: Handler = withDurableExecution(async (_event, ctx) => {
  await ctx.wait({ hours: 24 });
  return "done";
}) as Handler;

async function time(
  label: string,
  handler: Handler,
  runs: number,
  expected?: unknown,
): Promise<void> {
  const runner = new LocalDurableTestRunner({ handlerFunction: handler });
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    runner.reset();
    const start = performance.now();
    const result = await runner.run();
    samples.push(performance.now() - start);
    if (result.getStatus() !== "SUCCEEDED")
      throw new Error(`${label}: ${result.getStatus()} ${JSON.stringify(result.getError())}`);
    if (expected !== undefined && result.getResult() !== expected)
      throw new Error(`${label}: wrong result`);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)];
  console.log(
    `${label.padEnd(34)} runs=${String(runs).padStart(3)}  median ${median.toFixed(1).padStart(7)} ms  min ${samples[0].toFixed(1).padStart(7)} ms  max ${samples[samples.length - 1].toFixed(1).padStart(7)} ms`,
  );
}

async function main(): Promise<void> {
  await LocalDurableTestRunner.setupTestEnvironment({ skipTime: true });
  try {
    await time("1,000 steps, cold (first run)", steps(1000), 1, 499500);
    await time("warm-up (100 steps)", steps(100), 3);
    await time("1,000 sequential steps", steps(1000), 7, 499500);
    await time("3 sequential steps", steps(3), 30, 3);
    await time("step + 5 s wait + step", stepWaitStep, 30, 2);
    await time("one 24-hour wait", longWait, 10, "done");
  } finally {
    await LocalDurableTestRunner.teardownTestEnvironment();
  }
}

void main();
