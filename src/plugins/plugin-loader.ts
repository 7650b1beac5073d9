import { createRequire } from "node:module";
import { join } from "node:path";
import { PluginLoadError } from "../errors/plugin-load-error";
import {
  DURABLE_INSTRUMENTATION_PLUGIN_API_VERSION,
  type DurableInstrumentationPlugin,
  type DurableInstrumentationPluginProvider,
} from "./plugin-types";

/** Environment variable naming plugin provider modules, comma-separated. */
export const PLUGINS_ENV_VAR = "DURABLE_EXECUTION_PLUGINS";

function isModuleNotFound(error: unknown, specifier: string): boolean {
  const e = error as { code?: string; message?: string } | undefined;
  return (
    (e?.code === "ERR_MODULE_NOT_FOUND" || e?.code === "MODULE_NOT_FOUND") &&
    typeof e.message === "string" &&
    e.message.includes(specifier)
  );
}

async function importModule(specifier: string): Promise<Record<string, unknown>> {
  try {
    return (await import(specifier)) as Record<string, unknown>;
  } catch (error) {
    if (!isModuleNotFound(error, specifier)) {
      throw new PluginLoadError(
        `Failed to load plugin module '${specifier}': ${String((error as Error)?.message ?? error)}`,
        {
          cause: error,
        },
      );
    }
  }
  const base = process.env.LAMBDA_TASK_ROOT || process.cwd();
  let resolved: string;
  try {
    resolved = createRequire(join(base, "noop.js")).resolve(specifier);
  } catch (error) {
    throw new PluginLoadError(
      `Failed to load plugin module '${specifier}': it could not be resolved from ${base}. Package plugin modules with the function (for Lambda layers, under nodejs/node_modules).`,
      { cause: error },
    );
  }
  try {
    return (await import(resolved)) as Record<string, unknown>;
  } catch (error) {
    throw new PluginLoadError(
      `Failed to load plugin module '${specifier}': ${String((error as Error)?.message ?? error)}`,
      {
        cause: error,
      },
    );
  }
}

function providerOf(
  module: Record<string, unknown>,
  specifier: string,
): DurableInstrumentationPluginProvider {
  const direct = module.durableExecutionPluginProvider;
  const viaDefault = (module.default as Record<string, unknown> | undefined)
    ?.durableExecutionPluginProvider;
  if (direct !== undefined && viaDefault !== undefined && direct !== viaDefault) {
    throw new PluginLoadError(
      `Plugin module '${specifier}' exports two different durableExecutionPluginProvider values (named and on its default export).`,
    );
  }
  const provider = (direct ?? viaDefault) as
    Partial<DurableInstrumentationPluginProvider> | undefined;
  if (typeof provider !== "object" || provider === null) {
    throw new PluginLoadError(
      `Plugin module '${specifier}' does not export durableExecutionPluginProvider.`,
    );
  }
  if (provider.pluginApiVersion !== DURABLE_INSTRUMENTATION_PLUGIN_API_VERSION) {
    throw new PluginLoadError(
      `Plugin module '${specifier}' declares pluginApiVersion ${String(provider.pluginApiVersion)}; this SDK supports ${DURABLE_INSTRUMENTATION_PLUGIN_API_VERSION}.`,
    );
  }
  if (typeof provider.pluginType !== "function") {
    throw new PluginLoadError(
      `Plugin module '${specifier}' has a provider without a constructable pluginType.`,
    );
  }
  if (typeof provider.createPlugin !== "function") {
    throw new PluginLoadError(
      `Plugin module '${specifier}' has a provider without a createPlugin function.`,
    );
  }
  return provider as DurableInstrumentationPluginProvider;
}

function instantiate(
  provider: DurableInstrumentationPluginProvider,
  specifier: string,
): DurableInstrumentationPlugin {
  let plugin: DurableInstrumentationPlugin;
  try {
    plugin = provider.createPlugin();
  } catch (error) {
    throw new PluginLoadError(
      `createPlugin() of plugin module '${specifier}' threw: ${String((error as Error)?.message ?? error)}`,
      {
        cause: error,
      },
    );
  }
  if (
    !(plugin instanceof (provider.pluginType as unknown as new () => DurableInstrumentationPlugin))
  ) {
    throw new PluginLoadError(
      `createPlugin() of plugin module '${specifier}' did not return an instance of its pluginType.`,
    );
  }
  return plugin;
}

/**
 * Loads the plugins named in `DURABLE_EXECUTION_PLUGINS` (comma-separated module specifiers),
 * in order. Any problem becomes a {@link PluginLoadError}.
 */
export async function loadPluginsFromEnvironment(
  value = process.env[PLUGINS_ENV_VAR],
): Promise<DurableInstrumentationPlugin[]> {
  if (value === undefined || value.trim() === "") return [];
  const specifiers = value.split(",").map((s) => s.trim());
  const seen = new Set<string>();
  for (const specifier of specifiers) {
    if (specifier === "") {
      throw new PluginLoadError(`${PLUGINS_ENV_VAR} contains an empty entry: "${value}".`);
    }
    if (seen.has(specifier)) {
      throw new PluginLoadError(`${PLUGINS_ENV_VAR} lists '${specifier}' more than once.`);
    }
    seen.add(specifier);
  }
  const plugins: DurableInstrumentationPlugin[] = [];
  for (const specifier of specifiers) {
    plugins.push(instantiate(providerOf(await importModule(specifier), specifier), specifier));
  }
  return plugins;
}
