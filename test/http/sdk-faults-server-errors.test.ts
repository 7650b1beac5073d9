/**
 * The SDK's retry/fail behaviour against a server that answers 500 or drops connections,
 * with the real AWS SDK transport: a transient failure is retried and the execution
 * completes; a persistent one makes the wrapped handler throw
 * `[Unrecoverable Invocation] Checkpoint failed: …`, and the service re-invokes.
 */
import {
  checkpointCalls,
  clientTokenOf,
  useFaultHarness,
  type FaultHarness,
} from "./fault-harness";

const harness = useFaultHarness();
let h: FaultHarness;
beforeEach(() => {
  h = harness();
});

test("a transient 500 on a checkpoint is retried with the same ClientToken and the execution completes", async () => {
  let failed = 0;
  h.fault = (r) =>
    r.operation === "CheckpointDurableExecution" && failed++ === 0
      ? { type: "error", name: "ServiceException", message: "try again" }
      : undefined;
  const { done } = await h.run();
  expect(done.Status).toBe("SUCCEEDED");
  expect(JSON.parse(done.Result as string)).toEqual({ a: 5, b: 50 });
  expect(h.outcomes.map((o) => o.kind)).toEqual(["returned"]);
  const calls = checkpointCalls(h.requests);
  // The failed request and its retry carried the same body, hence the same ClientToken.
  expect(clientTokenOf(calls[1])).toBe(clientTokenOf(calls[0]));
  expect(calls[1].body).toBe(calls[0].body);
});

test("a checkpoint that keeps failing with 500 fails the invocation, which Lambda retries", async () => {
  h.fault = (r) =>
    r.operation === "CheckpointDurableExecution" ? { type: "error", status: 500 } : undefined;
  const { done } = await h.run();
  const [first, second] = h.outcomes;
  expect(first.kind).toBe("threw");
  const error = (first as { error: Error }).error;
  expect(error.message).toMatch(/^\[Unrecoverable Invocation\] Checkpoint failed: /);
  expect(error.name).toBe("CheckpointUnrecoverableInvocationError");
  // Retried by the AWS SDK and by the SDK's checkpointer before giving up, always with the
  // same idempotency token.
  const failedCalls = checkpointCalls(h.requests).filter(
    (r) => clientTokenOf(r) === clientTokenOf(checkpointCalls(h.requests)[0]),
  );
  expect(failedCalls.length).toBeGreaterThan(3);
  // The service re-invoked; with the fault gone the execution completed.
  expect(second?.kind).toBe("returned");
  expect(done.Status).toBe("SUCCEEDED");
  const history = await h.http.service.getDurableExecutionHistory({
    DurableExecutionArn: done.DurableExecutionArn,
  });
  const invocationErrors = history.Events.filter(
    (e) => e.EventType === "InvocationCompleted" && e.InvocationCompletedDetails?.Error,
  );
  expect(invocationErrors).toHaveLength(1);
  expect(invocationErrors[0].InvocationCompletedDetails?.Error?.Payload?.ErrorMessage).toMatch(
    /^\[Unrecoverable Invocation\] Checkpoint failed: /,
  );
});

test("dropped connections are retried, then fail the invocation", async () => {
  h.fault = (r) => (r.operation === "CheckpointDurableExecution" ? { type: "drop" } : undefined);
  const { done } = await h.run();
  expect(h.outcomes[0].kind).toBe("threw");
  expect((h.outcomes[0] as { error: Error }).error.message).toMatch(
    /^\[Unrecoverable Invocation\] Checkpoint failed: /,
  );
  expect(checkpointCalls(h.requests).length).toBeGreaterThan(3);
  expect(done.Status).toBe("SUCCEEDED");
});

test("a single dropped connection is invisible to the workflow", async () => {
  let dropped = 0;
  h.fault = (r) =>
    r.operation === "CheckpointDurableExecution" && dropped++ === 0 ? { type: "drop" } : undefined;
  const { done } = await h.run();
  expect(done.Status).toBe("SUCCEEDED");
  expect(h.outcomes.map((o) => o.kind)).toEqual(["returned"]);
  expect(dropped).toBeGreaterThan(1);
});
