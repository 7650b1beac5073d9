import { noOuterContext } from "../../src/eslint-plugin/rules/no-outer-context";
import { HEADER, jsTester, tsTester } from "./testers";

const code = (body: string) =>
  `${HEADER}export const handler = withDurableExecution(async (event, ctx) => {\n${body}\n});`;

jsTester.run("no-outer-context (JavaScript)", noOuterContext, {
  valid: [
    code(
      `await ctx.runInChildContext("g", async (child) => {\n  await child.step(async () => 1);\n  ctx.logger.info("parent logger is fine");\n});`,
    ),
    code(`await ctx.map([1], async (itemCtx, n) => itemCtx.step(async () => n));`),
    code(
      `await ctx.parallel([async (b) => b.wait({ seconds: 1 }), { name: "x", func: async (c) => c.step(async () => 2) }]);`,
    ),
    // Durable calls inside steps are no-operation-in-step's to report.
    code(`await ctx.step(async () => { await ctx.wait({ seconds: 1 }); });`),
    code(`const other = { ctx: 1 };\nawait ctx.runInChildContext(async (child) => other.ctx);`),
  ],
  invalid: [
    {
      code: code(
        `await ctx.runInChildContext("g", async (child) => {\n  await ctx.step(async () => 1);\n});`,
      ),
      errors: [
        { messageId: "inChild", data: { name: "ctx", where: "child context", own: " (`child`)" } },
      ],
    },
    {
      code: code(
        `await ctx.map([1], async (item) => {\n  await item.runInChildContext(async (inner) => item.wait({ seconds: 1 }));\n});`,
      ),
      errors: [
        { messageId: "inChild", data: { name: "item", where: "child context", own: " (`inner`)" } },
      ],
    },
    {
      code: code(`await ctx.parallel([{ func: async (branch) => ctx.wait({ seconds: 1 }) }]);`),
      errors: [
        {
          messageId: "inChild",
          data: { name: "ctx", where: "parallel branch", own: " (`branch`)" },
        },
      ],
    },
    {
      code: code(`await ctx.step(async () => helper(ctx));`),
      errors: [{ messageId: "inStep", data: { name: "ctx", where: "step function" } }],
    },
    {
      code: code(
        `await ctx.waitForCondition(async (state) => { keep(ctx); return state; }, { initialState: 0 });`,
      ),
      errors: [{ messageId: "inStep", data: { name: "ctx", where: "condition check" } }],
    },
  ],
});

tsTester.run("no-outer-context (TypeScript)", noOuterContext, {
  valid: [
    `import type { DurableContext } from "@aws/durable-execution-sdk-js";\nexport async function run(ctx: DurableContext): Promise<void> {\n  await ctx.runInChildContext(async (child: DurableContext) => child.wait({ seconds: 1 }));\n}`,
  ],
  invalid: [
    {
      code: `import type { DurableContext } from "@aws/durable-execution-sdk-js";\nexport async function run(ctx: DurableContext): Promise<void> {\n  await ctx.runInChildContext(async (child: DurableContext) => {\n    await (ctx as DurableContext).wait({ seconds: 1 });\n  });\n}`,
      errors: [{ messageId: "inChild", line: 4 }],
    },
  ],
});
