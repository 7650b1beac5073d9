/**
 * The SDK against a throttling server (429 TooManyRequestsException), with the real AWS
 * SDK transport: throttling is retried (by the AWS SDK and the checkpointer) and, when it
 * persists, fails the invocation (never the execution).
 */
import { checkpointCalls, useFaultHarness, type FaultHarness } from "./fault-harness";

const harness = useFaultHarness();
let h: FaultHarness;
beforeEach(() => {
  h = harness();
});

test("a throttled checkpoint is retried and the execution completes", async () => {
  let throttled = 0;
  h.fault = (r) =>
    r.operation === "CheckpointDurableExecution" && throttled++ === 0
      ? { type: "error", name: "TooManyRequestsException", message: "Rate exceeded" }
      : undefined;
  const { done } = await h.run();
  expect(done.Status).toBe("SUCCEEDED");
  expect(h.outcomes.map((o) => o.kind)).toEqual(["returned"]);
  expect(throttled).toBeGreaterThan(1);
});

test("persistent throttling fails the invocation, not the execution", async () => {
  h.fault = (r) =>
    r.operation === "CheckpointDurableExecution"
      ? {
          type: "error",
          name: "TooManyRequestsException",
          message: "Rate exceeded",
          retryAfterSeconds: 0,
        }
      : undefined;
  const { done } = await h.run();
  expect(h.outcomes[0].kind).toBe("threw");
  expect((h.outcomes[0] as { error: Error }).error.message).toBe(
    "[Unrecoverable Invocation] Checkpoint failed: Rate exceeded",
  );
  expect(checkpointCalls(h.requests).length).toBeGreaterThan(3);
  expect(done.Status).toBe("SUCCEEDED");
});
