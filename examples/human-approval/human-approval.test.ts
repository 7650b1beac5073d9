import {
  LocalDurableTestRunner,
  WaitingOperationStatus,
} from "@aws/durable-execution-sdk-js/testing";
import { handler, outbox } from "./human-approval";

beforeAll(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
afterAll(() => LocalDurableTestRunner.teardownTestEnvironment());
beforeEach(() => outbox.splice(0));

const claim = { claimId: "c-7", amount: 120, approver: "maria@example.com" };

test("the manager approves: the answer resumes the workflow", async () => {
  const runner = new LocalDurableTestRunner({ handlerFunction: handler });
  const approval = runner.getOperation("manager-approval");

  const pending = runner.run({ payload: claim });
  await approval.waitForData(WaitingOperationStatus.SUBMITTED);
  expect(outbox).toEqual([
    {
      to: "maria@example.com",
      claimId: "c-7",
      callbackId: approval.getCallbackDetails()?.callbackId,
    },
  ]);
  await approval.sendCallbackSuccess(JSON.stringify({ approved: true, comment: "fine" }));

  const result = await pending;
  expect(result.getResult()).toEqual({ claimId: "c-7", status: "PAID", comment: "fine" });
});

test("nobody answers: the callback times out after three (virtual) days and the claim escalates", async () => {
  const runner = new LocalDurableTestRunner({ handlerFunction: handler });
  const result = await runner.run({ payload: claim });

  expect(result.getStatus()).toBe("SUCCEEDED");
  expect(result.getResult()).toEqual({
    claimId: "c-7",
    status: "REJECTED",
    comment: "no answer within 3 days, escalated",
  });
  expect(runner.getOperation("escalate").getStepDetails()?.result).toBe("escalated c-7");
});
