/**
 * examples/quick-start.mjs under LocalDurableTestRunner, the way a user would test it: run
 * it, wait for the approval request, answer the callback, assert on the result and the
 * operations. The module is ESM, so the test body runs in a child `node` process (jest's
 * CommonJS transform cannot import it). Needs `npm run build`.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..");

/** Runs an ES module body in the examples directory and parses the JSON it prints last. */
function runModule(body: string): Promise<any> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--input-type=module", "-e", body],
      { cwd: __dirname, timeout: 20_000 },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`${error.message}\n${stderr}`));
        const lines = stdout.trim().split("\n");
        resolve(JSON.parse(lines[lines.length - 1]));
      },
    );
  });
}

beforeAll(() => {
  if (!existsSync(path.join(ROOT, "dist", "testing.mjs"))) {
    throw new Error("dist/ is missing: run `npm run build` before this test.");
  }
});

test("quick start: approval answered from the test, wait and retry skipped", async () => {
  const summary = await runModule(`
    import { LocalDurableTestRunner, WaitingOperationStatus } from "@aws/durable-execution-sdk-js/testing";
    import { lambdaHandler, approvalRequests } from "./quick-start.mjs";

    await LocalDurableTestRunner.setupTestEnvironment({ skipTime: true });
    const runner = new LocalDurableTestRunner({ handlerFunction: lambdaHandler });
    const approval = runner.getOperation("approval");

    const pending = runner.run({ payload: { orderId: "t-1" } });
    await approval.waitForData(WaitingOperationStatus.SUBMITTED);
    const sentId = approvalRequests[0]?.callbackId;
    const handleId = approval.getCallbackDetails().callbackId;
    await approval.sendCallbackSuccess(JSON.stringify({ approved: true }));
    const result = await pending;
    await LocalDurableTestRunner.teardownTestEnvironment();

    console.log(JSON.stringify({
      status: result.getStatus(),
      result: result.getResult(),
      sameCallbackId: sentId === handleId,
      waitSeconds: runner.getOperation("cool-off").getWaitDetails().waitSeconds,
      chargeAttempts: runner.getOperation("charge").getStepDetails().attempt,
      topLevel: result.getOperations().filter((op) => !op.getParentId()).map((op) => op.getName()),
    }));
  `);
  expect(summary).toEqual({
    status: "SUCCEEDED",
    result: {
      orderId: "t-1",
      receipt: { chargeId: "ch_t-1", amount: 129.5 },
    },
    sameCallbackId: true,
    waitSeconds: 30,
    chargeAttempts: 2,
    topLevel: ["load-order", "cool-off", "approval", "charge"],
  });
});
