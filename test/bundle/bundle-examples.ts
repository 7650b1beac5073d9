/**
 * Bundles examples with esbuild's JS API the way users package a Lambda function: ESM or
 * CJS, with `@aws-sdk/*` left external (the Lambda Node.js runtime provides it) or bundled
 * in, minified. The package is imported by name; an alias maps it to the sources (or to a
 * built entry), so no build is needed. Shared by test/bundle and bench/bundle-size.bench.ts.
 */
import { readdirSync, statSync } from "node:fs";
import * as path from "node:path";
import { build, type BuildOptions, type Message } from "esbuild";

/** Repository root. */
export const ROOT = path.resolve(__dirname, "..", "..");
/** Where bundles are written: inside the repository, so `@aws-sdk/*` resolves when external. */
export const OUT_DIR = path.join(ROOT, ".tmp", "bundles");
const PACKAGE = "@aws/durable-execution-sdk-js";

/** One way of bundling. */
export interface BundleVariant {
  format: "esm" | "cjs";
  /** Leave `@aws-sdk/*` to the runtime (true) or bundle it in (false). */
  externalSdk: boolean;
}

/** The four variants CI checks. */
export const VARIANTS: readonly BundleVariant[] = [
  { format: "esm", externalSdk: true },
  { format: "cjs", externalSdk: true },
  { format: "esm", externalSdk: false },
  { format: "cjs", externalSdk: false },
];

/** A bundle written to disk. */
export interface BundleResult extends BundleVariant {
  example: string;
  file: string;
  bytes: number;
  warnings: Message[];
}

/** Example entry points: `examples/*.{mjs,js,cjs,ts,mts}` except tests. */
export function exampleEntries(): string[] {
  const dir = path.join(ROOT, "examples");
  return readdirSync(dir)
    .filter((f) => /\.(mjs|js|cjs|ts|mts)$/.test(f) && !/\.test\.|\.d\.ts$/.test(f))
    .filter((f) => statSync(path.join(dir, f)).isFile())
    .sort()
    .map((f) => path.join(dir, f));
}

/** Short name of a variant, e.g. `esm-external`. */
export function variantName(v: BundleVariant): string {
  return `${v.format}-${v.externalSdk ? "external" : "bundled"}`;
}

/**
 * Bundles `entry` in `variant`. `sdkEntry` is what the package name resolves to (default:
 * the TypeScript sources, `src/index.ts`).
 */
export async function bundleExample(
  entry: string,
  variant: BundleVariant,
  options: { sdkEntry?: string; tag?: string } = {},
): Promise<BundleResult> {
  const example = path.basename(entry).replace(/\.[^.]+$/, "");
  const suffix = options.tag ? `-${options.tag}` : "";
  const file = path.join(
    OUT_DIR,
    `${example}-${variantName(variant)}${suffix}.${variant.format === "esm" ? "mjs" : "cjs"}`,
  );
  const config: BuildOptions = {
    entryPoints: [entry],
    outfile: file,
    bundle: true,
    minify: true,
    platform: "node",
    target: "node20",
    format: variant.format,
    alias: { [PACKAGE]: options.sdkEntry ?? path.join(ROOT, "src", "index.ts") },
    external: variant.externalSdk ? ["@aws-sdk/*"] : [],
    logLevel: "silent",
    // Bundled CommonJS dependencies call require() for Node built-ins; give ESM output one.
    banner:
      variant.format === "esm" && !variant.externalSdk
        ? {
            js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);",
          }
        : undefined,
  };
  const result = await build(config);
  return { ...variant, example, file, bytes: statSync(file).size, warnings: result.warnings };
}

/** `1234` → `1.2 KB`. */
export function formatBytes(bytes: number): string {
  return bytes < 1024 * 1024
    ? `${(bytes / 1024).toFixed(1)} KB`
    : `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}
