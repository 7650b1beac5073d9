/**
 * `@aws/durable-execution-sdk-js/eslint-plugin`: lint rules that catch replay bugs in durable
 * handlers. Needs the optional peer dependency `eslint` (9 or later, flat config); the main
 * entry never imports this one.
 */
import { durableExecutionPlugin } from "./plugin";

export {
  PLUGIN_PREFIX,
  configs,
  durableExecutionPlugin,
  rules,
  type DurableLintConfigs,
} from "./plugin";

/**
 * The plugin as the default export, for `import durable from ".../eslint-plugin"`.
 *
 * @example
 * ```js
 * // eslint.config.mjs
 * import durable from "@aws/durable-execution-sdk-js/eslint-plugin";
 * export default [durable.configs.recommended];
 * ```
 */
export default durableExecutionPlugin;
