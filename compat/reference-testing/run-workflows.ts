/**
 * Runs every workflow of `createWorkflows` on a testing package's `LocalDurableTestRunner`,
 * answering callbacks from the test, and returns what a test would assert: status, result,
 * error and the history as `[EventType, Name]` pairs.
 */
import type * as Testing from "@aws/durable-execution-sdk-js-testing";
import type { createWorkflows } from "./workflows";

/** What one workflow run looked like. */
export interface WorkflowOutcome {
  status: string | undefined;
  result: unknown;
  error: string | undefined;
  history: Array<[string | undefined, string | undefined]>;
}

type Workflows = ReturnType<typeof createWorkflows>;

/** Runs `name` to its end with skipped time (the test environment must be set up). */
export async function runWorkflow(
  testing: typeof Testing,
  set: Workflows,
  name: string,
): Promise<WorkflowOutcome> {
  const runner = new testing.LocalDurableTestRunner({ handlerFunction: set.workflows[name] });
  runner.registerFunction("pricing", async (event: { sku: string }) => ({
    sku: event.sku,
    price: 9,
  }));
  runner.registerDurableFunction("shipping", set.shipping);
  const running = runner.run({ payload: { id: "order-7" } });
  if (name === "callback") {
    const approval = runner.getOperation("approval");
    await approval.waitForData(testing.WaitingOperationStatus.STARTED);
    await approval.sendCallbackSuccess(JSON.stringify("approved"));
  }
  if (name === "waitForCallback") {
    const remote = runner.getOperation("remote");
    await remote.waitForData(testing.WaitingOperationStatus.SUBMITTED);
    await remote.sendCallbackHeartbeat();
    await remote.sendCallbackSuccess(JSON.stringify("done remotely"));
  }
  const result = await running;
  let error: string | undefined;
  try {
    error = result.getError()?.errorMessage;
  } catch {
    error = undefined;
  }
  let value: unknown;
  try {
    value = result.getResult();
  } catch {
    value = undefined;
  }
  return {
    status: result.getStatus(),
    result: value,
    error,
    history: result.getHistoryEvents().map((e) => [e.EventType, e.Name]),
  };
}
