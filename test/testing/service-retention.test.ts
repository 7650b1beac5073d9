/** Issue 9, item 6: finished executions are forgotten after their retention period, on the service clock. */
import { withDurableExecution } from "../../src";
import { DurableExecutionService } from "../../src/testing";

const quick = withDurableExecution(async () => "done");
const slow = withDurableExecution(async (_e: unknown, ctx) => {
  await ctx.wait("two days", { days: 2 });
  return "later";
});

let service: DurableExecutionService;
afterEach(() => service.close());

async function runTo(name: string, days?: number): Promise<string> {
  const { DurableExecutionArn } = await service.startDurableExecution({
    FunctionName: name,
    RetentionPeriodInDays: days,
  });
  await service.waitForExecution(DurableExecutionArn);
  return DurableExecutionArn;
}

test("an execution expires once the clock passes its end + RetentionPeriodInDays", async () => {
  service = new DurableExecutionService({ skipTime: true });
  service.registerDurableFunction("quick", quick).registerDurableFunction("slow", slow);
  const kept = await runTo("quick", 3);
  const expiring = await runTo("quick", 1);
  // the scheduler jumps on an event-loop turn once idle: a few turns, and expiry alone never
  // makes the clock jump
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  await expect(
    service.getDurableExecution({ DurableExecutionArn: expiring }),
  ).resolves.toMatchObject({ DurableExecutionArn: expiring, Status: "SUCCEEDED" });
  expect(service.executionCounts()).toEqual({ total: 2, finished: 2 });

  const later = await runTo("slow"); // skips two days of virtual time
  await expect(
    service.getDurableExecutionHistory({ DurableExecutionArn: expiring }),
  ).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  const listed = await service.listDurableExecutionsByFunction({ FunctionName: "quick" });
  expect(listed.DurableExecutions.map((e) => e.DurableExecutionArn)).toEqual([kept]);
  await expect(service.getDurableExecution({ DurableExecutionArn: later })).resolves.toMatchObject({
    Status: "SUCCEEDED",
  });
  expect(service.executionCounts()).toEqual({ total: 2, finished: 2 });
});

test("with a custom time source, expiry follows that clock (default 14 days)", async () => {
  let now = Date.UTC(2030, 0, 1);
  service = new DurableExecutionService({ timeSource: () => now });
  service.registerDurableFunction("quick", quick);
  const arn = await runTo("quick");
  now += 13 * 86_400_000;
  service.expireFinishedExecutions();
  expect(service.executionCounts().total).toBe(1);
  now += 86_400_000;
  service.expireFinishedExecutions();
  expect(service.executionCounts().total).toBe(0);
  await expect(service.getDurableExecution({ DurableExecutionArn: arn })).rejects.toMatchObject({
    name: "ResourceNotFoundException",
  });
});
