/** A failed record that carries no details replays as the operation's own error, not a TypeError. */
import { withDurableExecution, type DurableContext } from "../../src";
import type { Operation } from "../../src/types/wire";
import { MemoryClient, invoke } from "../helpers/memory-client";
import { h } from "../helpers/ids";

it.each<[string, Partial<Operation>, (ctx: DurableContext) => Promise<unknown>, [string, string]]>([
  [
    "a step",
    { Type: "STEP", SubType: "Step", Name: "s" },
    (ctx) => ctx.step("s", async () => 1),
    ["StepError", "Unknown error"],
  ],
  [
    "an invoke",
    { Type: "CHAINED_INVOKE", SubType: "ChainedInvoke", Name: "i" },
    (ctx) => ctx.invoke("i", "fn", {}),
    ["InvokeError", "Invoke failed"],
  ],
  [
    "an invoke whose error has an empty message",
    {
      Type: "CHAINED_INVOKE",
      SubType: "ChainedInvoke",
      Name: "i",
      ChainedInvokeDetails: { Error: { ErrorMessage: "" } },
    },
    (ctx) => ctx.invoke("i", "fn", {}),
    ["InvokeError", "Invoke failed"],
  ],
  [
    "a waitForCondition",
    { Type: "STEP", SubType: "WaitForCondition", Name: "w" },
    (ctx) =>
      ctx.waitForCondition("w", async (s: number) => s, {
        initialState: 0,
        waitStrategy: () => ({ shouldContinue: false }),
      }),
    ["WaitForConditionError", "waitForCondition failed"],
  ],
])("%s", async (_title, record, call, [errorClass, message]) => {
  const client = new MemoryClient();
  client.operations.set(h("1"), { Id: h("1"), Status: "FAILED", ...record } as Operation);
  const handler = withDurableExecution(async (_e, ctx) =>
    call(ctx).then(
      () => "resolved",
      (e: Error) => [e.constructor.name, e.message],
    ),
  );
  expect(await invoke(client, handler)).toEqual({
    Status: "SUCCEEDED",
    Result: JSON.stringify([errorClass, message]),
  });
  expect(client.updates).toEqual([]);
});
