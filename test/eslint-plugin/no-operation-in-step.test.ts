import { noOperationInStep } from "../../src/eslint-plugin/rules/no-operation-in-step";
import { HEADER, jsTester, tsTester } from "./testers";

const code = (body: string) =>
  `${HEADER}export const handler = withDurableExecution(async (event, ctx) => {\n${body}\n});`;

jsTester.run("no-operation-in-step (JavaScript)", noOperationInStep, {
  valid: [
    code(`const a = await ctx.step("a", async () => 1);\nawait ctx.wait({ seconds: 1 });`),
    code(
      `await ctx.runInChildContext("group", async (child) => {\n  await child.step("a", async () => 1);\n  await child.wait({ seconds: 1 });\n});`,
    ),
    code(
      `await ctx.step("log", async ({ logger, attempt }) => { logger.info("attempt", attempt); });`,
    ),
    // A step may call ordinary methods named like operations on other objects.
    code(`await ctx.step("db", async () => db.map((x) => x).step);`),
    // Outside any durable handler nothing is known to be a context.
    `async function f(ctx) { await ctx.step(async () => ctx.wait({ seconds: 1 })); }`,
  ],
  invalid: [
    {
      code: code(`await ctx.step("outer", async () => {\n  await ctx.wait({ seconds: 1 });\n});`),
      errors: [
        {
          messageId: "onContext",
          data: { receiver: "ctx", method: "wait", where: "step function" },
        },
      ],
    },
    {
      code: code(`await ctx.step(async (stepCtx) => stepCtx.step("inner", async () => 1));`),
      errors: [
        {
          messageId: "onStepArgument",
          data: { receiver: "stepCtx", method: "step", where: "step function" },
        },
      ],
    },
    {
      code: code(
        `await ctx.runInChildContext(async (child) =>\n  child.step(async () => { await child.invoke("f", {}); }),\n);`,
      ),
      errors: [{ messageId: "onContext", line: 4 }],
    },
    {
      code: code(
        `await ctx.waitForCondition(async (state, check) => { await ctx.promise.all([]); return state; }, { initialState: 0 });`,
      ),
      errors: [
        {
          messageId: "onContext",
          data: { receiver: "ctx", method: "all", where: "condition check" },
        },
      ],
    },
    {
      code: code(
        `await ctx.waitForCallback("cb", async (id, tools) => { await tools.wait({ seconds: 1 }); });`,
      ),
      errors: [
        {
          messageId: "onStepArgument",
          data: { receiver: "tools", method: "wait", where: "callback submitter" },
        },
      ],
    },
    {
      // A handler declared apart from withDurableExecution, and a step function by name.
      code: `${HEADER}async function charge() { await context.wait({ seconds: 1 }); }\nasync function main(event, context) { await context.step("charge", async () => { await context.wait({ seconds: 1 }); }); }\nexport const handler = withDurableExecution(main);`,
      errors: [{ messageId: "onContext", line: 3 }],
    },
  ],
});

tsTester.run("no-operation-in-step (TypeScript)", noOperationInStep, {
  valid: [
    `import type { DurableContext } from "@aws/durable-execution-sdk-js";\nexport async function work(ctx: DurableContext): Promise<number> {\n  return ctx.step("a", async (): Promise<number> => 1);\n}`,
  ],
  invalid: [
    {
      code: `import type { DurableContext } from "@aws/durable-execution-sdk-js";\nexport async function work(ctx: DurableContext): Promise<void> {\n  await ctx.step("a", async () => {\n    await (ctx as DurableContext).wait({ seconds: 1 });\n  });\n}`,
      errors: [{ messageId: "onContext", line: 4 }],
    },
    {
      code: `${HEADER}export const handler = withDurableExecution(async (event: unknown, ctx) => {\n  await ctx.step(async (s) => { await s!.map([1], async () => 1); });\n});`,
      errors: [
        {
          messageId: "onStepArgument",
          data: { receiver: "s", method: "map", where: "step function" },
        },
      ],
    },
  ],
});
