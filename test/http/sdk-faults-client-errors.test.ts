/**
 * How the SDK (default transport, real AWS SDK over HTTP) treats 4xx answers to its
 * checkpoints (PROTOCOL §5.13): an InvalidParameterValueException fails the execution with
 * CheckpointUnrecoverableExecutionError; one whose message starts with "Invalid Checkpoint
 * Token" fails only the invocation.
 */
import { useFaultHarness, type FaultHarness } from "./fault-harness";

const harness = useFaultHarness();
let h: FaultHarness;
beforeEach(() => {
  h = harness();
});

test("a 400 InvalidParameterValueException on a checkpoint returns FAILED with CheckpointUnrecoverableExecutionError", async () => {
  h.fault = (r) =>
    r.operation === "CheckpointDurableExecution"
      ? {
          type: "error",
          name: "InvalidParameterValueException",
          message: "Invalid value for Updates: the batch is not valid.",
        }
      : undefined;
  const { done } = await h.run();
  expect(h.outcomes).toHaveLength(1);
  const outcome = h.outcomes[0];
  expect(outcome.kind).toBe("returned");
  const output = (outcome as { output: { Status: string; Error?: Record<string, unknown> } })
    .output;
  expect(output.Status).toBe("FAILED");
  expect(output.Error?.ErrorType).toBe("CheckpointUnrecoverableExecutionError");
  expect(output.Error?.ErrorMessage).toBe(
    "[Unrecoverable Execution] Checkpoint failed: Invalid value for Updates: the batch is not valid.",
  );
  // Not retried: a client error is final.
  expect(h.requests.filter((r) => r.operation === "CheckpointDurableExecution")).toHaveLength(1);
  expect(done.Status).toBe("FAILED");
  expect(done.Error?.ErrorType).toBe("CheckpointUnrecoverableExecutionError");
});

test("an invalid-token answer fails the invocation only", async () => {
  h.fault = (r) =>
    r.operation === "CheckpointDurableExecution"
      ? {
          type: "error",
          name: "InvalidParameterValueException",
          message: "Invalid Checkpoint Token: the token has already been used.",
        }
      : undefined;
  const { done } = await h.run();
  expect(h.outcomes[0].kind).toBe("threw");
  expect((h.outcomes[0] as { error: Error }).error.message).toBe(
    "[Unrecoverable Invocation] Checkpoint failed: Invalid Checkpoint Token: the token has already been used.",
  );
  // Not retried within the invocation: a stale token cannot succeed.
  const first = h.requests.filter((r) => r.operation === "CheckpointDurableExecution");
  expect(JSON.parse(first[1].body).CheckpointToken).not.toBe(
    JSON.parse(first[0].body).CheckpointToken,
  );
  expect(done.Status).toBe("SUCCEEDED");
});

test("an unknown 4xx shape is execution-level too", async () => {
  h.fault = (r) =>
    r.operation === "CheckpointDurableExecution"
      ? { type: "error", name: "ResourceConflictException", message: "conflict" }
      : undefined;
  const { done } = await h.run();
  expect(done.Status).toBe("FAILED");
  expect(done.Error).toMatchObject({
    ErrorType: "CheckpointUnrecoverableExecutionError",
    ErrorMessage: "[Unrecoverable Execution] Checkpoint failed: conflict",
  });
});
