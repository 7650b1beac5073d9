import { withDurableExecution } from "./src";
import { LocalDurableTestRunner } from "./src/testing";
beforeAll(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
afterAll(() => LocalDurableTestRunner.teardownTestEnvironment());
test("x", async () => {
  const handler = withDurableExecution(async (_event, ctx) => {
    const r = await ctx.parallel([async (c) => { const [p] = await c.createCallback("cb", { timeout: { seconds: 5 } }); try { return await p; } catch (e) { console.log("inner", (e as Error).constructor.name, JSON.stringify(e)); throw e; } }], { completionConfig: { toleratedFailureCount: 1 } });
    return 1;
  });
  const runner = new LocalDurableTestRunner({ handlerFunction: handler });
  const result = await runner.run();
  console.log(JSON.stringify(result.getOperations().map(o => o.getOperationData())));
});
