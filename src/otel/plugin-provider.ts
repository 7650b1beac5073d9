import type { DurableInstrumentationPluginProvider } from "../plugins/plugin-types";
import { DurableOtelPlugin, type DurableTraceMode } from "./durable-otel-plugin";

/**
 * Environment variable choosing the trace mode (`execution` or `invocation`) of a plugin loaded
 * through `DURABLE_EXECUTION_PLUGINS`.
 *
 * @example
 * ```ts
 * process.env[OTEL_MODE_ENV_VAR] = "invocation";
 * ```
 */
export const OTEL_MODE_ENV_VAR = "DURABLE_EXECUTION_OTEL_MODE";

/**
 * The provider `DURABLE_EXECUTION_PLUGINS` looks for: with
 * `DURABLE_EXECUTION_PLUGINS=@aws/durable-execution-sdk-js/otel` every wrapped handler gets a
 * {@link DurableOtelPlugin} on the global tracer provider (the Lambda OTel layer's or ADOT's).
 * `DURABLE_EXECUTION_OTEL_MODE=invocation` selects invocation-rooted traces.
 *
 * @example
 * ```ts
 * // Lambda environment variables:
 * //   DURABLE_EXECUTION_PLUGINS=@aws/durable-execution-sdk-js/otel
 * //   DURABLE_EXECUTION_OTEL_MODE=execution
 * const plugin = durableExecutionPluginProvider.createPlugin();
 * ```
 */
export const durableExecutionPluginProvider: DurableInstrumentationPluginProvider<DurableOtelPlugin> =
  {
    pluginApiVersion: 1,
    pluginType: DurableOtelPlugin,
    createPlugin: () => {
      const mode = (process.env[OTEL_MODE_ENV_VAR]?.trim() || "execution") as DurableTraceMode;
      return new DurableOtelPlugin({ mode });
    },
  };
