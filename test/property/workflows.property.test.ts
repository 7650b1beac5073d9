/**
 * Random small workflows on the embedded service (time skipping): steps (at-least-once and
 * at-most-once, with retries), waits, child contexts, maps with completion policies and
 * > 256 KiB results, callbacks answered from the test or timed out, waitForCondition, promise
 * combinators over child operations, and invokes of registered durable and plain functions.
 *  - fresh run vs replay: every invocation sees, for the operations it reaches, exactly what
 *    the first run saw (values, errors and whole BatchResults, including batches that replay
 *    from a summary);
 *  - faults (crashes after random checkpoints; 429, 500, dropped connections and lost
 *    answers on random checkpoint calls): the result equals the fault-free run, no body runs
 *    again once the service has its step's success, an at-most-once step never runs twice in
 *    one attempt, and every case ends (a per-case time limit fails a hang).
 * Failing runs print fast-check's seed and path (replay with FC_SEED / FC_PATH).
 */
import fc from "fast-check";
import { withDurableExecution } from "../../src";
import { LocalDurableTestRunner } from "../../src/testing";
import { fcParams } from "./fc-params";
import { TRANSPORT_FAULTS, withTransportFaults, type TransportFault } from "./transport-faults";
import {
  answeredCallbacks,
  atMostOnceSteps,
  INVOKE_TARGETS,
  interpret,
  named,
  newProbe,
  requiredRuns,
  TARGET_NAMES,
  workflowArb,
  type Op,
} from "./workflow-ops";

// A callback the test answers is answered as soon as it opens; one it leaves alone times out
// after this much real quiet time (the skip-time grace), not the default second.
beforeAll(() =>
  LocalDurableTestRunner.setupTestEnvironment({ skipTime: true, callbackTimeoutGrace: 300 }),
);
afterAll(() => LocalDurableTestRunner.teardownTestEnvironment());

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
  { k: "step", value: 1, failures: 0, atMostOnce: false },
]);

/** One of every kind, always tried first by the fault property. */
const EVERY_KIND: Op[] = named([
  { k: "step", value: 7, failures: 1, atMostOnce: true },
  { k: "callback", answer: "succeed" },
  {
    k: "child",
    ops: [
      { k: "condition", target: 2 },
      { k: "callback", answer: "fail" },
    ],
  },
  {
    k: "combo",
    kind: "race",
    children: [
      { delay: 2, fails: false },
      { delay: 1, fails: true },
    ],
  },
  { k: "invoke", target: "durable", fails: false },
  { k: "invoke", target: "plain", fails: true },
  { k: "map", items: [{ slow: false, big: false }], policy: false },
  { k: "wait", seconds: 3 },
]);

interface Faults {
  crashes: ReadonlySet<string>;
  transport: ReadonlyMap<number, TransportFault>;
}
const NO_FAULTS: Faults = { crashes: new Set(), transport: new Map() };

async function runWorkflow(ops: Op[], faults: Faults = NO_FAULTS) {
  const probe = newProbe();
  const nameById = new Map<string, string>();
  const workflow = withDurableExecution(async (_event, ctx) => {
    const seen: unknown[] = [];
    probe.invocations.push(seen);
    await interpret(ctx, ops, probe, seen);
    await ctx.wait("final", { seconds: 1 }); // so the whole workflow is replayed once more
    return seen;
  });
  const runner = new LocalDurableTestRunner({
    handlerFunction: withTransportFaults(workflow, faults.transport).handler,
    faultInjection: {
      // Called once the service has applied a checkpoint: learn which steps it holds as done.
      shouldCrash: ({ invocation, checkpoint, updates }) => {
        for (const u of updates) {
          if (u.Name !== undefined) nameById.set(u.Id!, u.Name);
          if (u.Type === "STEP" && u.Action === "SUCCEED") {
            probe.succeeded.add(nameById.get(u.Id!) ?? u.Id!);
          }
        }
        return faults.crashes.has(`${invocation}:${checkpoint}`);
      },
    },
  })
    .registerDurableFunction(TARGET_NAMES.durable, INVOKE_TARGETS.durable)
    .registerFunction(TARGET_NAMES.plain, INVOKE_TARGETS.plain);
  for (const { name, answer } of answeredCallbacks(ops)) {
    const handle = runner.getOperation(name);
    void handle
      .waitForData()
      .then(() =>
        answer === "succeed"
          ? handle.sendCallbackSuccess(JSON.stringify(`${name} approved`))
          : handle.sendCallbackFailure({ ErrorType: "Rejected", ErrorMessage: `${name} rejected` }),
      );
  }
  const result = await runner.run();
  return { result, probe };
}

/** The runs of `names` (0 when a body never ran), as an object for readable diffs. */
function runsOf(probe: { runs: Map<string, number> }, names: Iterable<string>) {
  return Object.fromEntries([...names].map((n) => [n, probe.runs.get(n) ?? 0]));
}

describe("random workflows on the embedded service", () => {
  test("fresh run vs replay: every invocation sees what the first run saw", async () => {
    await fc.assert(
      fc.asyncProperty(workflowArb, async (ops) => {
        const { result, probe } = await runWorkflow(ops);
        expect(result.getStatus()).toBe("SUCCEEDED");
        const final = result.getResult() as unknown[];
        expect(final).toHaveLength(ops.length);
        expect(probe.invocations.length).toBeGreaterThanOrEqual(2);
        for (const seen of probe.invocations) {
          expect(seen).toEqual(final.slice(0, seen.length));
        }
        // The last invocation replays everything: it saw the whole result.
        expect(probe.invocations.at(-1)).toEqual(final);
        // Without faults, each body runs once per attempt it needed, map items once.
        const required = requiredRuns(ops);
        expect(runsOf(probe, required.keys())).toEqual(Object.fromEntries(required));
        expect(probe.rerunsAfterSuccess).toEqual([]);
      }),
      fcParams<[Op[]]>({ numRuns: 40, timeout: 20_000, examples: [[ISSUE_16_WORKFLOW]] }),
    );
  }, 120_000);

  test("faults give the fault-free result; nothing re-runs after its success; at-most-once holds", async () => {
    const crashArb = fc.uniqueArray(
      fc
        .tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 6 }))
        .map(([i, c]) => `${i}:${c}`),
      { minLength: 0, maxLength: 3 },
    );
    const transportArb = fc
      .uniqueArray(
        fc.tuple(fc.integer({ min: 1, max: 12 }), fc.constantFrom(...TRANSPORT_FAULTS)),
        {
          minLength: 0,
          maxLength: 2,
          selector: ([call]) => call,
        },
      )
      .map((entries) => new Map(entries));
    const faultsArb = fc
      .record({ crashes: crashArb.map((c) => new Set(c)), transport: transportArb })
      .filter((f) => f.crashes.size + f.transport.size > 0);
    await fc.assert(
      fc.asyncProperty(workflowArb, faultsArb, async (ops, faults) => {
        const clean = await runWorkflow(ops);
        const faulty = await runWorkflow(ops, faults);
        expect(faulty.result.getStatus()).toBe("SUCCEEDED");
        expect(faulty.result.getResult()).toEqual(clean.result.getResult());
        expect(faulty.probe.rerunsAfterSuccess).toEqual([]);
        const attempts = faulty.probe.atMostOnceAttempts;
        expect(attempts).toEqual([...new Set(attempts)]);
        expect(attempts.every((a) => atMostOnceSteps(ops).has(a.split("#")[0]))).toBe(true);
        // Each ended invocation can repeat at most the attempts that were running in it.
        const disrupted = faulty.result.getInvocations().filter((inv) => inv.error).length;
        const bodies = new Set([...clean.probe.runs.keys(), ...faulty.probe.runs.keys()]);
        const required = requiredRuns(ops);
        for (const name of bodies) {
          const cleanRuns = clean.probe.runs.get(name) ?? 0;
          const faultyRuns = faulty.probe.runs.get(name) ?? 0;
          if (required.has(name))
            expect({ name, atLeast: faultyRuns >= cleanRuns }).toEqual({ name, atLeast: true });
          expect({ name, runs: faultyRuns <= Math.max(cleanRuns, 1) + disrupted }).toEqual({
            name,
            runs: true,
          });
        }
      }),
      fcParams<[Op[], Faults]>({
        numRuns: 25,
        timeout: 30_000,
        examples: [
          [
            EVERY_KIND,
            {
              crashes: new Set(["1:2"]),
              transport: new Map<number, TransportFault>([
                [4, "outage"],
                [9, "lost-response"],
              ]),
            },
          ],
        ],
      }),
    );
  }, 240_000);
});
