import type { ESLint, Linter, Rule } from "eslint";
import { noCapturedMutationInStep } from "./rules/no-captured-mutation-in-step";
import { noFloatingOperation } from "./rules/no-floating-operation";
import { noNondeterminismOutsideStep } from "./rules/no-nondeterminism-outside-step";
import { noOperationInStep } from "./rules/no-operation-in-step";
import { noOuterContext } from "./rules/no-outer-context";

/**
 * The rules of the plugin, by name (without the `durable/` prefix).
 *
 * @example
 * ```ts
 * import { rules } from "@aws/durable-execution-sdk-js/eslint-plugin";
 * console.log(Object.keys(rules)); // ["no-operation-in-step", ...]
 * ```
 */
export const rules: Record<string, Rule.RuleModule> = {
  "no-operation-in-step": noOperationInStep,
  "no-captured-mutation-in-step": noCapturedMutationInStep,
  "no-nondeterminism-outside-step": noNondeterminismOutsideStep,
  "no-outer-context": noOuterContext,
  "no-floating-operation": noFloatingOperation,
};

/**
 * The prefix rules get when the plugin is registered by the recommended config.
 *
 * @example
 * ```js
 * export default [
 *   configs.recommended,
 *   { rules: { [`${PLUGIN_PREFIX}/no-floating-operation`]: "warn" } },
 * ];
 * ```
 */
export const PLUGIN_PREFIX = "durable";

/**
 * The plugin's flat configs.
 *
 * @example
 * ```ts
 * const recommended: Linter.Config = (configs satisfies DurableLintConfigs).recommended;
 * ```
 */
export interface DurableLintConfigs extends Record<string, Linter.Config> {
  /** Registers the plugin as `durable` and turns every rule on as an error. */
  recommended: Linter.Config;
}

/**
 * The ESLint plugin object (flat config): `meta`, `rules` and `configs.recommended`.
 *
 * @example
 * ```js
 * // eslint.config.mjs
 * import durable from "@aws/durable-execution-sdk-js/eslint-plugin";
 * export default [durable.configs.recommended];
 * ```
 */
export const durableExecutionPlugin: ESLint.Plugin & { configs: DurableLintConfigs } = {
  meta: { name: "@aws/durable-execution-sdk-js/eslint-plugin" },
  rules,
  configs: {} as DurableLintConfigs,
};

/**
 * Flat configs of the plugin; `configs.recommended` is the one to paste.
 *
 * @example
 * ```js
 * // eslint.config.mjs
 * import { configs } from "@aws/durable-execution-sdk-js/eslint-plugin";
 * export default [{ files: ["src/**\/*.ts"], ...configs.recommended }];
 * ```
 */
export const configs: DurableLintConfigs = durableExecutionPlugin.configs;

configs.recommended = {
  name: "durable/recommended",
  plugins: { [PLUGIN_PREFIX]: durableExecutionPlugin },
  rules: Object.fromEntries(
    Object.keys(rules).map((name) => [`${PLUGIN_PREFIX}/${name}`, "error"]),
  ) as Linter.RulesRecord,
};
