/**
 * Pipelined checkpoints under crashes: the workload below is crashed right after each of the
 * checkpoint calls its fault-free run makes (one run per call). Every run must reach the
 * fault-free result, no step whose success the service recorded runs again, and no
 * at-most-once step runs twice in one attempt.
 *
 * In process, a crashed invocation's JavaScript keeps running (see docs/testing.md); what it
 * does after the crash is not counted, as a real crash would have stopped it.
 */
import { StepSemantics, withDurableExecution, type DurableContext } from "../../src";
import { LocalDurableTestRunner, type CheckpointCallInfo } from "../../src/testing";

beforeAll(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
afterAll(() => LocalDurableTestRunner.teardownTestEnvironment());

interface Observed {
  /** Step bodies run by invocations that had not crashed yet, e.g. "s3" or "once#1". */
  runs: string[];
  /** Ids of the steps whose SUCCEED the service applied, and the names of started ones. */
  succeeded: Set<string>;
  names: Map<string, string>;
}

function workload(observed: Observed, crashed: Set<number>) {
  let invocations = 0;
  return withDurableExecution(
    async (_event: unknown, ctx: DurableContext) => {
      const invocation = ++invocations;
      const ran = (name: string) => {
        if (!crashed.has(invocation)) observed.runs.push(name);
      };
      const step = (c: DurableContext, name: string, value: number) =>
        c.step(name, async () => {
          ran(name);
          return value;
        });
      let total = 0;
      for (let i = 0; i < 5; i++) total += await step(ctx, `s${i}`, i);
      total += await ctx.step(
        "once",
        async ({ attempt }) => {
          ran(`once#${attempt}`);
          return 10;
        },
        { semantics: StepSemantics.AtMostOncePerRetry },
      );
      await ctx.wait("pause", { seconds: 5 });
      total += await ctx.runInChildContext(
        "child",
        async (c) => (await step(c, "c1", 100)) + (await step(c, "c2", 200)),
      );
      const mapped = await ctx.map("items", [1, 2, 3], (c, x) => step(c, `m${x}`, 1000 * x));
      for (const value of mapped.getResults()) total += value;
      total += await ctx.step(
        "twice",
        async ({ attempt }) => {
          ran(`twice#${attempt}`);
          return 20;
        },
        { semantics: StepSemantics.AtMostOncePerRetry },
      );
      for (let i = 5; i < 9; i++) total += await step(ctx, `s${i}`, i);
      return total;
    },
    { checkpointMode: "pipelined" },
  );
}

async function run(crashAt?: { invocation: number; checkpoint: number }) {
  const observed: Observed = { runs: [], succeeded: new Set(), names: new Map() };
  const crashed = new Set<number>();
  const calls: Array<{ invocation: number; checkpoint: number }> = [];
  const runner = new LocalDurableTestRunner({
    handlerFunction: workload(observed, crashed),
    faultInjection: {
      // Called once the service has applied a checkpoint call; true crashes the invocation.
      shouldCrash: ({ invocation, checkpoint, updates }: CheckpointCallInfo) => {
        calls.push({ invocation, checkpoint });
        for (const u of updates) {
          if (u.Type !== "STEP") continue;
          if (u.Action === "START" && u.Name) observed.names.set(u.Id!, u.Name);
          if (u.Action === "SUCCEED") observed.succeeded.add(u.Id!);
        }
        const crash = crashAt?.invocation === invocation && crashAt.checkpoint === checkpoint;
        if (crash) crashed.add(invocation);
        return crash;
      },
    },
  });
  const result = await runner.run();
  return { result, observed, calls };
}

test("a crash after any checkpoint: same result, nothing acknowledged re-runs, at-most-once never twice", async () => {
  const faultFree = await run();
  expect(faultFree.result.getStatus()).toBe("SUCCEEDED");
  const expected = 0 + 1 + 2 + 3 + 4 + 10 + 300 + 6000 + 20 + 5 + 6 + 7 + 8;
  expect(faultFree.result.getResult()).toBe(expected);
  // Pipelining at work: the 14 at-least-once steps did not cost a call each.
  expect(faultFree.calls.length).toBeLessThan(14);
  expect(faultFree.calls.length).toBeGreaterThan(4);

  for (const crashAt of faultFree.calls) {
    const { result, observed } = await run(crashAt);
    const where = `crash after call ${crashAt.checkpoint} of invocation ${crashAt.invocation}`;
    expect([where, result.getStatus(), result.getResult()]).toEqual([where, "SUCCEEDED", expected]);
    const count = (name: string) => observed.runs.filter((r) => r === name).length;
    for (const id of observed.succeeded) {
      const name = observed.names.get(id);
      if (name === undefined || name === "once" || name === "twice") continue;
      // Recorded as succeeded by the service: it ran exactly once, whatever the crash.
      expect([where, name, count(name)]).toEqual([where, name, 1]);
    }
    const atMostOnce = observed.runs.filter((r) => r.includes("#"));
    expect([where, new Set(atMostOnce).size]).toEqual([where, atMostOnce.length]);
    for (const name of ["s0", "s4", "c2", "m3", "s8"]) {
      expect([where, name, count(name) >= 1]).toEqual([where, name, true]);
    }
  }
});
