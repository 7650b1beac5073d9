/**
 * waitForData rules for waitForCallback-shaped operations (TESTING-API §3.2), driven by a
 * hand-written handler that checkpoints the SDK's waitForCallback structure: a CONTEXT
 * `WaitForCallback` with a CALLBACK child and a submitter STEP child.
 */
import { LocalDurableTestRunner, WaitingOperationStatus } from "../../src/testing";
import type { DurableLambdaHandler } from "../../src/testing/service/api/service-types";
import { hashId } from "./mini-sdk";

beforeAll(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
afterAll(() => LocalDurableTestRunner.teardownTestEnvironment());

const CTX = hashId("1");
const CB = hashId("1-1");
const SUBMIT = hashId("1-2");

function waitForCallbackHandler(
  submitterGate: Promise<void>,
  heartbeat?: number,
): DurableLambdaHandler {
  return async (event: any) => {
    const client = event.durableExecutionClient;
    let token = event.CheckpointToken;
    const ops = new Map<string, any>(
      event.InitialExecutionState.Operations.map((o: any) => [o.Id, o]),
    );
    const send = async (updates: any[]) => {
      const r = await client.checkpoint({
        DurableExecutionArn: event.DurableExecutionArn,
        CheckpointToken: token,
        Updates: updates,
      });
      token = r.CheckpointToken;
      for (const op of r.NewExecutionState.Operations) ops.set(op.Id, op);
    };
    if (!ops.has(CTX)) {
      await send([
        { Id: CTX, Type: "CONTEXT", SubType: "WaitForCallback", Name: "approval", Action: "START" },
        {
          Id: CB,
          ParentId: CTX,
          Type: "CALLBACK",
          SubType: "Callback",
          Action: "START",
          CallbackOptions: { HeartbeatTimeoutSeconds: heartbeat },
        },
      ]);
      await submitterGate;
      await send([
        { Id: SUBMIT, ParentId: CTX, Type: "STEP", SubType: "Step", Action: "START" },
        { Id: SUBMIT, ParentId: CTX, Type: "STEP", SubType: "Step", Action: "SUCCEED" },
      ]);
    }
    const cb = ops.get(CB);
    if (cb.Status === "STARTED") return { Status: "PENDING" } as any;
    if (cb.Status !== "SUCCEEDED") {
      return {
        Status: "FAILED",
        Error: {
          ErrorType: "CallbackTimeoutError",
          ErrorMessage: cb.CallbackDetails.Error.ErrorMessage,
        },
      } as any;
    }
    await send([
      {
        Id: CTX,
        Type: "CONTEXT",
        SubType: "WaitForCallback",
        Name: "approval",
        Action: "SUCCEED",
        Payload: JSON.stringify(cb.CallbackDetails.Result),
      },
    ]);
    return { Status: "SUCCEEDED", Result: JSON.stringify(cb.CallbackDetails.Result) } as any;
  };
}

test("STARTED, SUBMITTED and COMPLETED follow the callback and submitter children", async () => {
  let openGate!: () => void;
  const gate = new Promise<void>((r) => (openGate = r));
  const runner = new LocalDurableTestRunner({ handlerFunction: waitForCallbackHandler(gate) });
  const approval = runner.getOperation("approval");
  const pending = runner.run();

  await approval.waitForData(WaitingOperationStatus.STARTED);
  expect(approval.isWaitForCallback()).toBe(true);
  const { callbackId } = approval.getCallbackDetails()!;
  expect(callbackId).toBe(runner.getOperationById(CB).getCallbackDetails()!.callbackId);

  let submitted = false;
  const submittedPromise = approval
    .waitForData(WaitingOperationStatus.SUBMITTED)
    .then(() => (submitted = true));
  await new Promise((r) => setImmediate(r));
  expect(submitted).toBe(false);
  openGate();
  await submittedPromise;

  const completed = approval.waitForData(WaitingOperationStatus.COMPLETED);
  await approval.sendCallbackSuccess("yes");
  await expect(completed).resolves.toBe(approval);
  const result = await pending;
  expect(result.getResult()).toBe("yes");
  expect(approval.getContextDetails()).toEqual({ result: "yes", error: undefined });
  expect(approval.getChildOperations()!.map((c) => c.getType())).toEqual(["CALLBACK", "STEP"]);
});

test("heartbeats keep a callback alive on the virtual clock; a callback handle rejects wrong kinds", async () => {
  let openGate!: () => void;
  const gate = new Promise<void>((r) => (openGate = r));
  const runner = new LocalDurableTestRunner({ handlerFunction: waitForCallbackHandler(gate, 30) });
  const approval = runner.getOperation("approval");
  const pending = runner.run();
  await approval.waitForData();
  await approval.sendCallbackHeartbeat();
  openGate();
  await approval.waitForData(WaitingOperationStatus.SUBMITTED);
  await approval.sendCallbackSuccess('"ok"');
  expect((await pending).getResult()).toBe('"ok"');
  expect(() => runner.getOperationById(SUBMIT).getCallbackDetails()).toThrow(
    "Operation with Type STEP and SubType Step is not a valid callback",
  );
});

test("an unanswered heartbeat callback times out with the SDK-visible error", async () => {
  const runner = new LocalDurableTestRunner({
    handlerFunction: waitForCallbackHandler(Promise.resolve(), 30),
  });
  const result = await runner.run();
  expect(result.getStatus()).toBe("FAILED");
  expect(result.getError().errorMessage).toBe("Callback timed out on heartbeat");
  expect(runner.getOperationById(CB).getCallbackDetails()?.error?.errorType).toBe(
    "Callback.Heartbeat",
  );
});
