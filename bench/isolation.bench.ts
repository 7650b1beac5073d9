/**
 * Real-time cost of isolation mode: a 1,000-step run with each invocation in a worker thread
 * (`isolatedHandler`) next to the same handler in process. Needs `npm run build` (the
 * fixture imports the built package). Run: `npm run bench -- isolation`.
 */
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { isolatedHandler, LocalDurableTestRunner } from "../src/testing";

const FIXTURE = join(__dirname, "fixtures", "thousand-steps.mjs");
const ROUNDS = 5;

async function time(label: string, handlerFunction: never): Promise<void> {
  const runner = new LocalDurableTestRunner({ handlerFunction });
  await runner.run({ payload: { steps: 10 } }); // warm-up
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    runner.reset();
    const t = performance.now();
    const result = await runner.run({ payload: { steps: 1000 } });
    times.push(performance.now() - t);
    if (result.getStatus() !== "SUCCEEDED") throw new Error(`${label}: ${result.getStatus()}`);
  }
  times.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(28)} median ${times[ROUNDS >> 1].toFixed(0)} ms  min ${times[0].toFixed(0)} ms  (1,000 steps, ${ROUNDS} runs)`,
  );
}

async function main(): Promise<void> {
  await LocalDurableTestRunner.setupTestEnvironment({ skipTime: true });
  const module = (await import(FIXTURE)) as { handler: never };
  await time("in process", module.handler);
  await time("isolated (worker thread)", isolatedHandler({ modulePath: FIXTURE }) as never);
  await LocalDurableTestRunner.teardownTestEnvironment();
}

void main();
