/**
 * The plugin as a user configures it: `configs.recommended` in a flat config, linting one
 * handler that breaks every rule once (with and without the TypeScript parser).
 */
import { Linter } from "eslint";
import tseslint from "typescript-eslint";
import durable, { configs, rules } from "../../src/eslint-plugin";

const HANDLER = `import { withDurableExecution } from "@aws/durable-execution-sdk-js";
let attempts = 0;
export const handler = withDurableExecution(async (event, ctx) => {
  const startedAt = Date.now();
  await ctx.step("charge", async () => {
    attempts++;
    await ctx.wait({ seconds: 1 });
  });
  await ctx.runInChildContext("group", async (child) => {
    await ctx.step(async () => 1);
  });
  ctx.wait({ seconds: 5 });
  return startedAt;
});
`;

const EXPECTED = [
  [4, "durable/no-nondeterminism-outside-step"],
  [6, "durable/no-captured-mutation-in-step"],
  [7, "durable/no-operation-in-step"],
  [10, "durable/no-outer-context"],
  [12, "durable/no-floating-operation"],
];

test("the default export is the plugin, with every rule in the recommended config", () => {
  expect(durable.configs.recommended).toBe(configs.recommended);
  expect(durable.rules).toBe(rules);
  expect(Object.keys(rules).sort()).toEqual([
    "no-captured-mutation-in-step",
    "no-floating-operation",
    "no-nondeterminism-outside-step",
    "no-operation-in-step",
    "no-outer-context",
  ]);
  expect(configs.recommended.rules).toEqual(
    Object.fromEntries(Object.keys(rules).map((name) => [`durable/${name}`, "error"])),
  );
  expect(configs.recommended.plugins).toEqual({ durable });
});

test.each([
  ["JavaScript", "handler.mjs", {}],
  ["TypeScript", "handler.ts", { parser: tseslint.parser }],
])("the recommended config reports each rule once in a %s handler", (_label, file, language) => {
  const linter = new Linter({ configType: "flat" });
  const messages = linter.verify(
    HANDLER,
    [
      { files: ["**/*.mjs", "**/*.ts"], languageOptions: { sourceType: "module", ...language } },
      { files: ["**/*.mjs", "**/*.ts"], ...configs.recommended },
    ] as Linter.Config[],
    file,
  );
  expect(messages.map((m) => [m.line, m.ruleId])).toEqual(EXPECTED);
});
