/**
 * Random small workflows on the embedded service (time skipping):
 *  - fresh run vs replay: every invocation sees, for the operations it reaches, exactly what
 *    the first run saw (values, errors and whole BatchResults, including > 256 KiB batches
 *    that replay from a summary);
 *  - crashes injected right after random checkpoints: the result equals the fault-free run,
 *    every step's side effect happens at least once, and a step whose success was
 *    acknowledged never runs again.
 * Failing runs print fast-check's seed and path (replay with FC_SEED / FC_PATH).
 */
import fc from "fast-check";
import { withDurableExecution, type BatchResult, type DurableContext } from "../../src";
import { LocalDurableTestRunner } from "../../src/testing";
import { fcParams } from "./fc-params";

beforeAll(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
afterAll(() => LocalDurableTestRunner.teardownTestEnvironment());

type Op =
  | { k: "step"; name: string; value: number; failures: number }
  | { k: "wait"; name: string; seconds: number }
  | { k: "child"; name: string; ops: Op[] }
  | { k: "map"; name: string; items: Array<{ slow: boolean; big: boolean }>; policy: boolean };

// Generation: a tree of operations, then names numbered in order (unique per workflow).
type RawOp =
  | { k: "step"; value: number; failures: number }
  | { k: "wait"; seconds: number }
  | { k: "child"; ops: RawOp[] }
  | { k: "map"; items: Array<{ slow: boolean; big: boolean }>; policy: boolean };

const leafArb: fc.Arbitrary<RawOp> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      k: fc.constant("step" as const),
      value: fc.integer({ min: 0, max: 99 }),
      failures: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, fc.constant(1)),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant("wait" as const),
      seconds: fc.integer({ min: 1, max: 90 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      k: fc.constant("map" as const),
      items: fc.array(fc.record({ slow: fc.boolean(), big: fc.boolean() }), {
        minLength: 0,
        maxLength: 4,
      }),
      policy: fc.boolean(),
    }),
  },
);

const { ops: opsArb } = fc.letrec<{ op: RawOp; ops: RawOp[] }>((tie) => ({
  op: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leafArb,
    fc.record({ k: fc.constant("child" as const), ops: tie("ops") as fc.Arbitrary<RawOp[]> }),
  ),
  ops: fc.array(tie("op"), { minLength: 1, maxLength: 4 }),
}));

function named(raw: RawOp[], counter = { n: 0 }): Op[] {
  return raw.map((op): Op => {
    const name = `${op.k}${++counter.n}`;
    return op.k === "child" ? { k: "child", name, ops: named(op.ops, counter) } : { ...op, name };
  });
}

const workflowArb = opsArb.map((raw) => named(raw));

/** The workload of issue 16, always tried first: a > 256 KiB map with an item left STARTED. */
const ISSUE_16_WORKFLOW: Op[] = named([
  {
    k: "map",
    items: [
      { slow: false, big: true },
      { slow: true, big: true },
      { slow: false, big: true },
    ],
    policy: true,
  },
  { k: "step", value: 1, failures: 0 },
]);

/** What code after a map sees of its BatchResult. */
function batchView(r: BatchResult<string>) {
  return {
    reason: r.completionReason,
    status: r.status,
    // (JSON-safe: the final result is compared with what each invocation saw)
    all: r.all.map((i) =>
      i.result === undefined
        ? [i.index, i.status]
        : [i.index, i.status, i.result.slice(0, 12), i.result.length],
    ),
    counts: [r.totalCount, r.successCount, r.failureCount, r.startedCount],
  };
}

interface Probe {
  /** Step bodies run, by step name. */
  runs: Map<string, number>;
  /** What each invocation observed, in order. */
  invocations: unknown[][];
}

async function interpret(ctx: DurableContext, ops: Op[], probe: Probe, seen: unknown[]) {
  for (const op of ops) {
    switch (op.k) {
      case "step": {
        const value = await ctx.step(
          op.name,
          async (_s) => {
            const runs = (probe.runs.get(op.name) ?? 0) + 1;
            probe.runs.set(op.name, runs);
            if (runs <= op.failures) throw new Error(`${op.name} fails`);
            return op.value;
          },
          { retryStrategy: (_e, attempt) => ({ shouldRetry: attempt < 3, delay: { seconds: 1 } }) },
        );
        seen.push([op.name, value]);
        break;
      }
      case "wait":
        await ctx.wait(op.name, { seconds: op.seconds });
        seen.push([op.name]);
        break;
      case "child": {
        const inner = await ctx.runInChildContext(op.name, async (child) => {
          const childSeen: unknown[] = [];
          await interpret(child, op.ops, probe, childSeen);
          return childSeen;
        });
        seen.push([op.name, inner]);
        break;
      }
      case "map": {
        const fast = op.items.filter((i) => !i.slow).length;
        const r = await ctx.map(
          op.name,
          op.items,
          async (item, spec, index) => {
            // A slow item outlives the batch when the policy only needs the fast ones.
            if (spec.slow) await item.wait(`${op.name}-w${index}`, { hours: op.policy ? 5 : 0.01 });
            const key = `${op.name}-i${index}`;
            return item.step(key, async () => {
              probe.runs.set(key, (probe.runs.get(key) ?? 0) + 1);
              return `${key}:`.padEnd(spec.big ? 140_000 : 10, "x");
            });
          },
          op.policy && fast > 0 ? { completionConfig: { minSuccessful: fast } } : undefined,
        );
        seen.push([op.name, batchView(r)]);
        break;
      }
    }
  }
}

async function runWorkflow(ops: Op[], crashes: ReadonlySet<string> = new Set()) {
  const probe: Probe = { runs: new Map(), invocations: [] };
  const handler = withDurableExecution(async (_event, ctx) => {
    const seen: unknown[] = [];
    probe.invocations.push(seen);
    await interpret(ctx, ops, probe, seen);
    await ctx.wait("final", { seconds: 1 }); // so the whole workflow is replayed once more
    return seen;
  });
  const runner = new LocalDurableTestRunner({
    handlerFunction: handler,
    faultInjection: {
      shouldCrash: ({ invocation, checkpoint }) => crashes.has(`${invocation}:${checkpoint}`),
    },
  });
  const result = await runner.run();
  return { result, probe };
}

/** Attempts each plain step needs (it fails `failures` times first), by name. */
function attemptsOf(ops: Op[], into = new Map<string, number>()): Map<string, number> {
  for (const op of ops) {
    if (op.k === "step") into.set(op.name, op.failures + 1);
    if (op.k === "child") attemptsOf(op.ops, into);
  }
  return into;
}

describe("random workflows on the embedded service", () => {
  test("fresh run vs replay: every invocation sees what the first run saw", async () => {
    await fc.assert(
      fc.asyncProperty(workflowArb, async (ops) => {
        const { result, probe } = await runWorkflow(ops);
        expect(result.getStatus()).toBe("SUCCEEDED");
        const final = result.getResult() as unknown[];
        expect(probe.invocations.length).toBeGreaterThanOrEqual(2);
        for (const seen of probe.invocations) {
          expect(seen).toEqual(final.slice(0, seen.length));
        }
        // The last invocation replays everything: it saw the whole result.
        expect(probe.invocations.at(-1)).toEqual(final);
        // Without faults, each step body runs once per attempt it needed, map items once.
        for (const [name, runs] of probe.runs) expect(runs).toBe(attemptsOf(ops).get(name) ?? 1);
      }),
      fcParams<[Op[]]>({ numRuns: 40, examples: [[ISSUE_16_WORKFLOW]] }),
    );
  }, 120_000);

  test("crashes after random checkpoints give the fault-free result; acknowledged steps never re-run", async () => {
    const crashArb = fc.uniqueArray(
      fc
        .tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 6 }))
        .map(([i, c]) => `${i}:${c}`),
      { minLength: 1, maxLength: 3 },
    );
    await fc.assert(
      fc.asyncProperty(workflowArb, crashArb, async (ops, crashList) => {
        const clean = await runWorkflow(ops);
        const faulty = await runWorkflow(ops, new Set(crashList));
        expect(faulty.result.getStatus()).toBe("SUCCEEDED");
        expect(faulty.result.getResult()).toEqual(clean.result.getResult());
        const crashed = faulty.result
          .getInvocations()
          .filter((inv) => inv.error?.errorType === "Runtime.ExitError").length;
        for (const [name, runs] of clean.probe.runs) {
          const faultyRuns = faulty.probe.runs.get(name) ?? 0;
          expect(faultyRuns).toBeGreaterThanOrEqual(runs);
          // Each crash can repeat at most the attempt that was running when it happened.
          expect(faultyRuns).toBeLessThanOrEqual(runs + crashed);
        }
        expect([...faulty.probe.runs.keys()].sort()).toEqual([...clean.probe.runs.keys()].sort());
      }),
      fcParams({ numRuns: 25 }),
    );
  }, 180_000);
});
