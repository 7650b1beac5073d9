/**
 * Random 429 / 500 / dropped-connection faults on random checkpoint calls of a two-step
 * workflow, through the real AWS SDK transport: the execution always ends with the
 * fault-free result. Failing runs print fast-check's seed (replay with FC_SEED / FC_PATH).
 */
import fc from "fast-check";
import type { HttpFault } from "../../src/testing/http/durable-http-server";
import { fcParams } from "../property/fc-params";
import { checkpointCalls, useFaultHarness } from "./fault-harness";

const harness = useFaultHarness();

const faultArb: fc.Arbitrary<HttpFault> = fc.constantFrom<HttpFault>(
  {
    type: "error",
    name: "TooManyRequestsException",
    message: "Rate exceeded",
    retryAfterSeconds: 0,
  },
  { type: "error", name: "ServiceException", status: 500, message: "boom" },
  { type: "drop" },
);

test("random faults on checkpoint calls give the fault-free result", async () => {
  const h = harness();
  h.clearFaultOnThrow = false;
  await fc.assert(
    fc.asyncProperty(
      // Which checkpoint calls (0-based, in arrival order) fail, and how.
      fc.dictionary(fc.integer({ min: 0, max: 5 }).map(String), faultArb, { maxKeys: 3 }),
      async (faults) => {
        h.requests.length = 0;
        h.outcomes.length = 0;
        let call = 0;
        h.fault = (r) =>
          r.operation === "CheckpointDurableExecution" ? faults[String(call++)] : undefined;
        const { done } = await h.run();
        h.fault = undefined;
        expect(done.Status).toBe("SUCCEEDED");
        expect(JSON.parse(done.Result!)).toEqual({ a: 5, b: 50 });
        expect(checkpointCalls(h.requests).length).toBeGreaterThanOrEqual(2);
      },
    ),
    fcParams({ numRuns: 12 }),
  );
}, 120_000);
