import { PluginLoadError } from "../errors/plugin-load-error";
import { withCause } from "../errors/internal-errors";
import {
  DURABLE_INSTRUMENTATION_PLUGIN_API_VERSION,
  type DurableInstrumentationPlugin,
  type DurableInstrumentationPluginProvider,
} from "./plugin-types";

/** Environment variable naming plugin provider modules, comma-separated. */
export const PLUGINS_ENV_VAR = "DURABLE_EXECUTION_PLUGINS";

type Module = Record<string, unknown>;

/** A load failure of plugin module `specifier`: `"<prefix> '<specifier>' <text>"`. */
function loadError(prefix: string, specifier: string, text: string, cause?: unknown): never {
  throw new PluginLoadError(`${prefix} '${specifier}'${text}`, withCause(cause));
}

const messageOf = (error: unknown): string => String((error as Error)?.message ?? error);

async function importModule(specifier: string): Promise<Module> {
  const failed = (error: unknown): never =>
    loadError("Failed to load plugin module", specifier, `: ${messageOf(error)}`, error);
  try {
    return (await import(specifier)) as Module;
  } catch (error) {
    const e = error as { code?: string; message?: string } | undefined;
    const notFound =
      (e?.code === "ERR_MODULE_NOT_FOUND" || e?.code === "MODULE_NOT_FOUND") &&
      typeof e.message === "string" &&
      e.message.includes(specifier);
    if (!notFound) failed(error);
  }
  const base = process.env.LAMBDA_TASK_ROOT || process.cwd();
  // Loaded here, not at the top: most functions name no plugin, and node:module alone costs
  // a quarter of a millisecond of every cold start.
  const [{ createRequire }, { join }] = await Promise.all([
    import("node:module"),
    import("node:path"),
  ]);
  let resolved: string;
  try {
    resolved = createRequire(join(base, "noop.js")).resolve(specifier);
  } catch (error) {
    return loadError(
      "Failed to load plugin module",
      specifier,
      `: it could not be resolved from ${base}. Package plugin modules with the function (for Lambda layers, under nodejs/node_modules).`,
      error,
    );
  }
  try {
    return (await import(resolved)) as Module;
  } catch (error) {
    return failed(error);
  }
}

function loadPlugin(module: Module, specifier: string): DurableInstrumentationPlugin {
  const invalid = (text: string): never => loadError("Plugin module", specifier, text);
  const key = "durableExecutionPluginProvider";
  const direct = module[key];
  const viaDefault = (module.default as Module | undefined)?.[key];
  if (direct !== undefined && viaDefault !== undefined && direct !== viaDefault) {
    invalid(` exports two different ${key} values (named and on its default export).`);
  }
  const provider = (direct ?? viaDefault) as DurableInstrumentationPluginProvider | undefined;
  if (typeof provider !== "object" || provider === null) invalid(` does not export ${key}.`);
  const { pluginApiVersion, pluginType, createPlugin } = provider!;
  if (pluginApiVersion !== DURABLE_INSTRUMENTATION_PLUGIN_API_VERSION) {
    invalid(
      ` declares pluginApiVersion ${String(pluginApiVersion)}; this SDK supports ${DURABLE_INSTRUMENTATION_PLUGIN_API_VERSION}.`,
    );
  }
  if (typeof pluginType !== "function") {
    invalid(" has a provider without a constructable pluginType.");
  }
  if (typeof createPlugin !== "function")
    invalid(" has a provider without a createPlugin function.");
  const prefix = "createPlugin() of plugin module";
  let plugin: DurableInstrumentationPlugin;
  try {
    plugin = provider!.createPlugin();
  } catch (error) {
    return loadError(prefix, specifier, ` threw: ${messageOf(error)}`, error);
  }
  if (!(plugin instanceof (pluginType as unknown as new () => DurableInstrumentationPlugin))) {
    loadError(prefix, specifier, " did not return an instance of its pluginType.");
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
    plugins.push(loadPlugin(await importModule(specifier), specifier));
  }
  return plugins;
}

/** Loads explicit and environment plugins once, at wrap time; a failure is kept, never thrown. */
export function loadPlugins(
  explicit: DurableInstrumentationPlugin[],
): Promise<DurableInstrumentationPlugin[] | Error> {
  return loadPluginsFromEnvironment().then(
    (fromEnv) => [...explicit, ...fromEnv],
    (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
  );
}
