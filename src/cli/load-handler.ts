/**
 * Loading the handler module: checks the file, registers tsx for TypeScript sources, imports
 * the module by file URL (ESM or CommonJS) and picks the export to run.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { CliError, ExitCode } from "./cli-error";

/** Exports tried, in order, when `--handler-export` is not given. */
export const DEFAULT_EXPORTS = ["handler", "lambdaHandler"] as const;

const TYPESCRIPT_EXTENSIONS = new Set([".ts", ".mts", ".cts", ".tsx"]);

/** A loaded handler and the export it came from. */
export interface LoadedHandler {
  handler: (...args: any[]) => unknown;
  exportName: string;
}

/**
 * Loads `file` (as typed, relative to `cwd`) and returns the chosen export.
 * Every failure is a `CliError` with exit code 2.
 */
export async function loadHandler(
  file: string,
  exportName: string | undefined,
  cwd: string = process.cwd(),
): Promise<LoadedHandler> {
  const absolute = path.resolve(cwd, file);
  if (!existsSync(absolute) || !statSync(absolute).isFile()) {
    throw new CliError(`File not found: ${file}`);
  }
  if (TYPESCRIPT_EXTENSIONS.has(path.extname(absolute).toLowerCase())) {
    await registerTypeScript(file, absolute);
  }
  let namespace: Record<string, unknown>;
  try {
    namespace = (await import(pathToFileURL(absolute).href)) as Record<string, unknown>;
  } catch (error) {
    const e = error as Error;
    const cause = e instanceof Error ? e.message : String(error);
    throw new CliError(`Failed to load ${file}: ${cause}`, ExitCode.USAGE, false, e?.stack);
  }
  return pickExport(namespace, file, exportName);
}

/** Chooses the export, with the messages of TESTING-API §6.4. */
export function pickExport(
  namespace: Record<string, unknown>,
  file: string,
  exportName: string | undefined,
): LoadedHandler {
  const candidates = exportName === undefined ? [...DEFAULT_EXPORTS] : [exportName];
  const name = candidates.find((n) => hasExport(namespace, n));
  if (name === undefined) {
    const available = listExports(namespace);
    const lines = [`Export '${candidates[0]}' not found in ${file}`];
    if (exportName === undefined) lines.push(`(also looked for '${DEFAULT_EXPORTS[1]}')`);
    lines.push(
      available.length > 0
        ? `Available exports: ${available.join(", ")}. Choose one with --handler-export <name>.`
        : "The module has no exports.",
    );
    throw new CliError(lines.join("\n"));
  }
  const value = readExport(namespace, name);
  if (!value) {
    throw new CliError(`No handler function found in ${file}\nExpected an export with key ${name}`);
  }
  if (typeof value !== "function") {
    throw new CliError(`Handler must be a function, got ${typeof value}`);
  }
  return { handler: value as LoadedHandler["handler"], exportName: name };
}

/** CommonJS modules imported from ESM expose `module.exports` as `default`; look there too. */
function cjsExports(namespace: Record<string, unknown>): Record<string, unknown> | undefined {
  const d = namespace.default;
  return d !== null && (typeof d === "object" || typeof d === "function")
    ? (d as Record<string, unknown>)
    : undefined;
}

function hasExport(namespace: Record<string, unknown>, name: string): boolean {
  if (Object.prototype.hasOwnProperty.call(namespace, name)) return true;
  const d = cjsExports(namespace);
  return d !== undefined && Object.prototype.hasOwnProperty.call(d, name);
}

function readExport(namespace: Record<string, unknown>, name: string): unknown {
  if (Object.prototype.hasOwnProperty.call(namespace, name)) return namespace[name];
  return cjsExports(namespace)?.[name];
}

function listExports(namespace: Record<string, unknown>): string[] {
  const names = new Set(
    Object.keys(namespace).filter((k) => k !== "default" && k !== "__esModule"),
  );
  const d = cjsExports(namespace);
  if (d && typeof d === "object") {
    for (const k of Object.keys(d)) if (k !== "__esModule") names.add(k);
  }
  if (names.size === 0 && namespace.default !== undefined) names.add("default");
  return [...names].sort();
}

let typeScriptRegistered = false;

/**
 * Registers tsx's ESM and CommonJS loaders in this process. tsx is looked up from the
 * handler's directory first (the user's project), then from this package.
 */
async function registerTypeScript(file: string, absolute: string): Promise<void> {
  if (typeScriptRegistered) return;
  const bases = [absolute, typeof __filename === "string" ? __filename : undefined];
  for (const base of bases) {
    if (base === undefined) continue;
    const req = createRequire(base);
    let manifestPath: string;
    try {
      manifestPath = req.resolve("tsx/package.json");
    } catch (error) {
      if (isNotFound(error)) continue;
      throw new CliError(`Failed to load tsx for ${file}: ${(error as Error).message}`);
    }
    try {
      // The ESM flavour of tsx's API, resolved with the "import" condition of its exports map.
      const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as {
        exports?: Record<string, unknown>;
      };
      const entry = importTarget(manifest.exports?.["./esm/api"]) ?? "./dist/esm/api/index.mjs";
      const esmApi = (await import(
        pathToFileURL(path.join(path.dirname(manifestPath), entry)).href
      )) as { register: () => unknown };
      esmApi.register();
      (req("tsx/cjs/api") as { register: () => unknown }).register();
    } catch (error) {
      throw new CliError(
        `Failed to register tsx for ${file}: ${(error as Error).message}\n` +
          "TypeScript handlers need tsx 4 and Node.js 20.6 or later.",
      );
    }
    typeScriptRegistered = true;
    return;
  }
  throw new CliError(
    `Cannot run TypeScript handler ${file}: the 'tsx' package is not installed.\n` +
      "Install it in your project (npm install --save-dev tsx), or compile the handler to JavaScript and run the .js file.",
  );
}

/** The file an exports-map entry gives for `import` (string, or `{ import: { default } }`). */
function importTarget(entry: unknown): string | undefined {
  if (typeof entry === "string") return entry;
  if (entry && typeof entry === "object") {
    const e = entry as Record<string, unknown>;
    return importTarget(e.import ?? e.default);
  }
  return undefined;
}

function isNotFound(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === "MODULE_NOT_FOUND" || code === "ERR_MODULE_NOT_FOUND";
}
