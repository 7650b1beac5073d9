import {
  MockDurableExecutionClient,
  expectReplayed,
  expectUpdatesInOrder,
} from "@aws/durable-execution-sdk-js/testing";
import { handler, payments } from "./step-semantics";

beforeEach(() => payments.splice(0));

test("an at-most-once step checkpoints START before its body runs", async () => {
  const client = new MockDurableExecutionClient({ payload: { orderId: "o-1" } });
  const run = await client.invoke(handler);

  expect(run.result).toBe("charged 42 for o-1");
  expectUpdatesInOrder(client, [
    { name: "charge-card", action: "START" },
    { name: "charge-card", action: "SUCCEED", result: "charged 42 for o-1" },
  ]);
  // The START went out in a checkpoint call of its own, before the body's result.
  const startCall = client.requests.findIndex((r) =>
    r.Updates?.some((u) => u.Name === "charge-card" && u.Action === "START"),
  );
  const succeedCall = client.requests.findIndex((r) =>
    r.Updates?.some((u) => u.Name === "charge-card" && u.Action === "SUCCEED"),
  );
  expect(startCall).toBeLessThan(succeedCall);
});

test("an interrupted at-most-once attempt is not run again", async () => {
  // Replay a history in which "charge-card" started but the invocation died before its result.
  const first = new MockDurableExecutionClient({ payload: { orderId: "o-2" } });
  await first.invoke(handler);
  const interrupted = first.operations.map((op) =>
    op.Name === "charge-card" ? { ...op, Status: "STARTED" as const, StepDetails: undefined } : op,
  );
  payments.splice(0);

  const client = new MockDurableExecutionClient({ operations: interrupted });
  const run = await client.invoke(handler);

  expect(payments).toEqual([]); // the card was not charged a second time
  expect(run.status).toBe("FAILED");
  expect(run.error).toMatchObject({ ErrorType: "StepError" });
  expect(client.getOperation("charge-card")?.StepDetails?.Error?.ErrorType).toBe(
    "StepInterruptedError",
  );
  expectReplayed(client, "quote");
});
