/**
 * Memory of the embedded service after 10,000 finished executions, before and after their
 * retention period (`RetentionPeriodInDays: 1`) passed on the service clock: what a
 * long-running `run-durable --serve` keeps. Run: `npm run bench -- retention`.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { withDurableExecution } from "../src";
import { DurableExecutionService } from "../src/testing";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
const EXECUTIONS = 10_000;
const BATCH = 100;

const handler = withDurableExecution(async (event: { n: number }, ctx) => {
  const doubled = await ctx.step("double", async () => event.n * 2);
  return { doubled, note: "x".repeat(200) };
});

function heapMb(): string {
  gc();
  gc();
  return (process.memoryUsage().heapUsed / 1048576).toFixed(1);
}

async function main(): Promise<void> {
  let now = Date.now();
  const service = new DurableExecutionService({ timeSource: () => now });
  service.registerDurableFunction("bench", handler);
  const before = heapMb();
  for (let i = 0; i < EXECUTIONS; i += BATCH) {
    const arns = await Promise.all(
      Array.from({ length: BATCH }, (_, j) =>
        service
          .startDurableExecution({
            FunctionName: "bench",
            Payload: JSON.stringify({ n: i + j }),
            RetentionPeriodInDays: 1,
          })
          .then((r) => r.DurableExecutionArn),
      ),
    );
    await Promise.all(arns.map((arn) => service.waitForExecution(arn)));
  }
  const kept = heapMb();
  const counts = service.executionCounts();
  now += 86_400_000 + 1000; // one day later on the service clock
  service.expireFinishedExecutions();
  const expired = heapMb();
  console.log(`service heap before: ${before} MB`);
  console.log(
    `after ${EXECUTIONS} executions (kept: ${counts.total}): ${kept} MB  (${(((Number(kept) - Number(before)) * 1024) / EXECUTIONS).toFixed(1)} KB each)`,
  );
  console.log(
    `after their 1-day retention passed (kept: ${service.executionCounts().total}): ${expired} MB`,
  );
  console.log(`rss: ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB`);
  service.close();
}

void main();
