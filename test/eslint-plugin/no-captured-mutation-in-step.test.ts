import { noCapturedMutationInStep } from "../../src/eslint-plugin/rules/no-captured-mutation-in-step";
import { HEADER, jsTester, tsTester } from "./testers";

const code = (body: string) =>
  `${HEADER}export const handler = withDurableExecution(async (event, ctx) => {\n${body}\n});`;

jsTester.run("no-captured-mutation-in-step (JavaScript)", noCapturedMutationInStep, {
  valid: [
    code(
      `const total = await ctx.step("sum", async () => {\n  let sum = 0;\n  for (const n of [1, 2]) sum += n;\n  const seen = [];\n  seen.push(sum);\n  return sum;\n});`,
    ),
    // Mutating outer state in the handler itself (not in a step) is not this rule's concern.
    code(`let count = 0;\ncount++;\nawait ctx.step(async () => count);`),
    // Parameters of the step (and of functions inside it) belong to the step.
    code(
      `await ctx.step(async (tools) => { tools.attempt = 2; [3, 1].map((x) => { x += 1; return x; }); });`,
    ),
  ],
  invalid: [
    {
      code: code(`let count = 0;\nawait ctx.step("inc", async () => { count++; });`),
      errors: [{ messageId: "mutated", data: { name: "count", where: "step function" } }],
    },
    {
      code: code(
        `const order = { items: [] };\nawait ctx.step(async () => {\n  order.status = "paid";\n  order.items.push("x");\n  delete order.note;\n});`,
      ),
      errors: [
        { messageId: "mutated", line: 5 },
        { messageId: "mutated", line: 6 },
        { messageId: "mutated", line: 7 },
      ],
    },
    {
      code: `${HEADER}let cache;\nexport const handler = withDurableExecution(async (event, ctx) => {\n  await ctx.waitForCondition(async (s) => { cache = s; return s; }, { initialState: 1 });\n});`,
      errors: [{ messageId: "mutated", data: { name: "cache", where: "condition check" } }],
    },
    {
      code: code(
        `const ids = new Set();\nawait ctx.step(async () => { [1].forEach((n) => ids.add(n)); });`,
      ),
      errors: [{ messageId: "mutated", data: { name: "ids", where: "step function" } }],
    },
  ],
});

tsTester.run("no-captured-mutation-in-step (TypeScript)", noCapturedMutationInStep, {
  valid: [
    code(
      `const value: number = await ctx.step(async (): Promise<number> => { let local: number = 1; local++; return local; });`,
    ),
  ],
  invalid: [
    {
      code: code(
        `let result: string | undefined;\nawait ctx.step(async () => { result! = "x"; (result as string) = "y"; });`,
      ),
      errors: [{ messageId: "mutated" }, { messageId: "mutated" }],
    },
  ],
});
