import { noFloatingOperation } from "../../src/eslint-plugin/rules/no-floating-operation";
import { HEADER, jsTester, tsTester } from "./testers";

const code = (body: string) =>
  `${HEADER}export const handler = withDurableExecution(async (event, ctx) => {\n${body}\n});`;

jsTester.run("no-floating-operation (JavaScript)", noFloatingOperation, {
  valid: [
    code(`await ctx.step(async () => 1);`),
    code(`void ctx.wait({ seconds: 1 });`),
    code(`const pending = ctx.step(async () => 1);\nawait pending;`),
    code(`await Promise.all([ctx.step(async () => 1), ctx.wait({ seconds: 1 })]);`),
    code(`return ctx.invoke("f", {});`),
    code(`await ctx.runInChildContext(async (child) => child.step(async () => 1));`),
    // Ordinary objects with a step method are not durable contexts.
    code(`machine.step();`),
  ],
  invalid: [
    {
      code: code(`ctx.step("forgotten", async () => 1);`),
      errors: [{ messageId: "floating", data: { receiver: "ctx", method: "step" } }],
    },
    {
      // The wrapper imported under another name is still recognised.
      code: `import { withDurableExecution as durable } from "@aws/durable-execution-sdk-js";\nexport const handler = durable(async (event, context) => {\n  context.wait({ seconds: 1 });\n});`,
      errors: [{ messageId: "floating", data: { receiver: "context", method: "wait" } }],
    },
    {
      code: code(`ctx.wait({ seconds: 1 }).then(() => undefined);`),
      errors: [{ messageId: "floating", data: { receiver: "ctx", method: "wait" } }],
    },
    {
      code: code(
        `await ctx.runInChildContext(async (child) => {\n  child.invoke("f", {});\n  ctx.promise.all([]);\n});`,
      ),
      errors: [
        { messageId: "floating", data: { receiver: "child", method: "invoke" }, line: 4 },
        { messageId: "floating", data: { receiver: "ctx", method: "all" }, line: 5 },
      ],
    },
  ],
});

tsTester.run("no-floating-operation (TypeScript)", noFloatingOperation, {
  valid: [
    `import type { DurableContext } from "@aws/durable-execution-sdk-js";\nexport async function run(ctx: DurableContext): Promise<void> {\n  await ctx.step(async (): Promise<number> => 1);\n}`,
  ],
  invalid: [
    {
      code: `import type { DurableContext } from "@aws/durable-execution-sdk-js";\nexport async function run(ctx: DurableContext): Promise<void> {\n  ctx!.createCallback("approval");\n}`,
      errors: [{ messageId: "floating", data: { receiver: "ctx", method: "createCallback" } }],
    },
  ],
});
