import { noNondeterminismOutsideStep } from "../../src/eslint-plugin/rules/no-nondeterminism-outside-step";
import { HEADER, jsTester, tsTester } from "./testers";

const code = (body: string, head = "") =>
  `${HEADER}${head}export const handler = withDurableExecution(async (event, ctx) => {\n${body}\n});`;

jsTester.run("no-nondeterminism-outside-step (JavaScript)", noNondeterminismOutsideStep, {
  valid: [
    code(
      `const now = await ctx.step("now", async () => Date.now());\nconst id = await ctx.step(async () => crypto.randomUUID());`,
    ),
    code(`const when = new Date(event.timestamp);\nconst parsed = Date.parse(event.date);`),
    // Module scope runs once per cold start, not per replay.
    `${HEADER}const TABLE = process.env.TABLE;\nconst started = Date.now();\nexport const handler = withDurableExecution(async () => TABLE);`,
    code(`const region = process.env.AWS_REGION;`),
    // A local function named Date is not the clock.
    code(`const Date = { now: () => 0 };\nDate.now();`),
    code(`await ctx.waitForCondition(async (s) => Date.now() > s, { initialState: 0 });`),
  ].map((c, i) => (i === 3 ? { code: c, options: [{ allowEnv: ["AWS_REGION"] }] } : c)),
  invalid: [
    {
      code: code(
        `const now = Date.now();\nconst d = new Date();\nconst r = Math.random();\nconst t = performance.now();\nconst s = Date();`,
      ),
      errors: [
        { messageId: "varying", data: { what: "Date.now()", where: "durable handler" } },
        { messageId: "varying", data: { what: "new Date()", where: "durable handler" } },
        { messageId: "varying", data: { what: "Math.random()", where: "durable handler" } },
        { messageId: "varying", data: { what: "performance.now()", where: "durable handler" } },
        { messageId: "varying", data: { what: "Date()", where: "durable handler" } },
      ],
    },
    {
      code: code(
        `await ctx.runInChildContext(async (child) => {\n  const id = crypto.randomUUID();\n  await child.step(id, async () => 1);\n});`,
      ),
      errors: [
        { messageId: "varying", data: { what: "crypto.randomUUID()", where: "child context" } },
      ],
    },
    {
      code: code(
        `const id = randomUUID();\nconst t = process.hrtime.bigint();`,
        `import { randomUUID } from "node:crypto";\n`,
      ),
      errors: [
        { messageId: "varying", data: { what: "randomUUID()", where: "durable handler" } },
        {
          messageId: "varying",
          data: { what: "process.hrtime.bigint()", where: "durable handler" },
        },
      ],
    },
    {
      code: code(`const table = process.env.TABLE;\nconst { QUEUE } = process.env;`),
      errors: [
        { messageId: "environment", data: { what: ".TABLE", where: "durable handler" } },
        { messageId: "environment", data: { what: "", where: "durable handler" } },
      ],
    },
    {
      code: code(`await ctx.map([1, 2], async (item) => Math.random());`),
      errors: [
        { messageId: "varying", data: { what: "Math.random()", where: "map item function" } },
      ],
    },
    {
      // A helper function defined inside the handler runs as part of it.
      code: code(
        `const stamp = () => Date.now();\nawait ctx.step("s", async () => stamp());\nstamp();`,
      ),
      errors: [{ messageId: "varying", line: 3 }],
    },
  ],
});

jsTester.run("no-nondeterminism-outside-step (checkEnv: false)", noNondeterminismOutsideStep, {
  valid: [{ code: code(`const table = process.env.TABLE;`), options: [{ checkEnv: false }] }],
  invalid: [],
});

tsTester.run("no-nondeterminism-outside-step (TypeScript)", noNondeterminismOutsideStep, {
  valid: [
    `import type { DurableContext } from "@aws/durable-execution-sdk-js";\nexport async function run(ctx: DurableContext): Promise<number> {\n  return ctx.step(async (): Promise<number> => Date.now());\n}`,
  ],
  invalid: [
    {
      code: `import type { DurableContext } from "@aws/durable-execution-sdk-js";\nexport async function run(ctx: DurableContext): Promise<number> {\n  const started: number = Date.now();\n  await ctx.wait({ seconds: 1 });\n  return started;\n}`,
      errors: [{ messageId: "varying", data: { what: "Date.now()", where: "durable function" } }],
    },
  ],
});
