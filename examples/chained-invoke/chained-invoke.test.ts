import { LocalDurableTestRunner } from "@aws/durable-execution-sdk-js/testing";
import { fraudCheck, handler, taxService } from "./chained-invoke";

beforeAll(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
afterAll(() => LocalDurableTestRunner.teardownTestEnvironment());

function runner(tax = taxService) {
  return new LocalDurableTestRunner({ handlerFunction: handler })
    .registerDurableFunction("fraud-check-function", fraudCheck)
    .registerFunction("tax-function", tax);
}

test("invokes a durable and a plain function and combines their results", async () => {
  const test = runner();
  const result = await test.run({ payload: { amount: 100 } });
  expect(result.getResult()).toEqual({ accepted: true, total: 120 });
  expect(test.getOperation("fraud-check").getChainedInvokeDetails()?.result).toEqual({
    score: 0.1,
  });
});

test("a result of the first function short-cuts the workflow", async () => {
  const result = await runner().run({ payload: { amount: 5000 } });
  expect(result.getResult()).toEqual({ accepted: false, reason: "fraud score too high" });
});

test("a failing target surfaces as an InvokeError", async () => {
  const broken = async () => {
    throw new Error("tax tables missing");
  };
  const result = await runner(broken).run({ payload: { amount: 10 } });
  expect(result.getResult()).toEqual({
    accepted: false,
    reason: expect.stringMatching(/^tax service: /),
  });
});
