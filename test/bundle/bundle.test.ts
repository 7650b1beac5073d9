/**
 * Bundling: every example is bundled with esbuild (ESM and CJS, `@aws-sdk/*` external and
 * fully bundled, minified), importing the package by name the way users do. Each bundle is
 * then run on the embedded service in a separate node process, checkpointing over HTTP
 * through its own AWS SDK, and must succeed. The external-SDK hello-world bundle must stay
 * under 60 KB.
 */
import { execFile } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import * as path from "node:path";
import {
  bundleExample,
  exampleEntries,
  formatBytes,
  OUT_DIR,
  ROOT,
  VARIANTS,
  variantName,
  type BundleResult,
} from "./bundle-examples";

/** Inputs of the examples that need more than `{}` (callbacks are answered with `answer`). */
const EXAMPLE_INPUTS: Record<string, { event?: unknown; callbackAnswer?: string }> = {
  "hello-world": { event: { name: "bundler" } },
  "quick-start": {
    event: { orderId: "bundle-1" },
    callbackAnswer: JSON.stringify({ approved: true, by: "bundle test" }),
  },
};

const RUNNER = path.join(__dirname, "fixtures", "run-bundles.ts");
const DIST_CJS = path.join(ROOT, "dist-cjs", "index.js");
// The budget was 50 KB until every call started checking its arguments, names and durations
// before any side effect (about 7 KB of checks and messages), then 60 KB until the operation
// lifecycle became one class each operation extends (about 0.7 KB), 61 KB until pipelined
// checkpoints, the suspension quiet-period hook and one shared poll timer (about 0.5 KB),
// 62 KB until the cold-start work (issue 14) folded repeated code (retry presets left out of
// bundles that never read them, one check or helper where several copies were, about 2.4 KB);
// measured side by side in bench/performance-side-by-side.bench.ts.
const SIZE_LIMIT = 60 * 1024;

let bundles: BundleResult[] = [];
let distBundle: BundleResult | undefined;

function runBundles(files: string[]): Promise<any[]> {
  const jobs = files.map((file) => {
    const example = path.basename(file).replace(/-(esm|cjs)-.*$/, "");
    return { file, ...EXAMPLE_INPUTS[example] };
  });
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--import", "tsx", RUNNER, JSON.stringify(jobs)],
      {
        cwd: ROOT,
        timeout: 20_000,
        env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
      },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`${error.message}\n${stderr}`));
        const lines = stdout.trim().split("\n");
        resolve(JSON.parse(lines[lines.length - 1]));
      },
    );
  });
}

beforeAll(async () => {
  rmSync(OUT_DIR, { recursive: true, force: true });
  const jobs: Promise<BundleResult>[] = [];
  for (const entry of exampleEntries()) {
    for (const variant of VARIANTS) jobs.push(bundleExample(entry, variant));
  }
  if (existsSync(DIST_CJS)) {
    const hello = path.join(ROOT, "examples", "hello-world.mjs");
    jobs.push(
      bundleExample(
        hello,
        { format: "cjs", externalSdk: true },
        { sdkEntry: DIST_CJS, tag: "dist-cjs" },
      ).then((b) => (distBundle = b)),
    );
  }
  bundles = await Promise.all(jobs);
  const lines = bundles.map(
    (b) =>
      `${`${b.example} ${variantName(b)}${b === distBundle ? " (dist-cjs)" : ""}`.padEnd(40)} ${formatBytes(b.bytes)}`,
  );
  console.log(`bundle sizes (minified):\n${lines.join("\n")}`);
}, 20_000);

test("every example bundles in every variant", () => {
  expect(exampleEntries().map((f) => path.basename(f))).toContain("hello-world.mjs");
  expect(bundles.length).toBeGreaterThanOrEqual(exampleEntries().length * VARIANTS.length);
});

test("the hello-world bundle with @aws-sdk/* external is under 60 KB minified", () => {
  for (const format of ["esm", "cjs"] as const) {
    const bundle = bundles.find(
      (b) =>
        b.example === "hello-world" && b.format === format && b.externalSdk && b !== distBundle,
    );
    expect(bundle).toBeDefined();
    expect(bundle!.bytes).toBeLessThan(SIZE_LIMIT);
    // The AWS SDK really is left out: imported by name, its REST routes absent...
    const text = readFileSync(bundle!.file, "utf8");
    expect(text).toContain("@aws-sdk/client-lambda");
    expect(text).not.toContain("/2025-12-01/durable-executions/");
  }
  // ...and really is in the fully bundled variants.
  const fullBundles = bundles.filter((b) => b.example === "hello-world" && !b.externalSdk);
  expect(fullBundles).toHaveLength(VARIANTS.filter((v) => !v.externalSdk).length);
  for (const full of fullBundles) {
    expect(readFileSync(full.file, "utf8")).toContain("/2025-12-01/durable-executions/");
  }
});

test("every bundle runs on the embedded service and succeeds", async () => {
  const files = bundles.map((b) => b.file);
  const results = await runBundles(files);
  expect(results).toHaveLength(files.length);
  for (const r of results) {
    const label = path.basename(r.file);
    expect({ label, status: r.status, error: r.error }).toEqual({
      label,
      status: "SUCCEEDED",
      error: undefined,
    });
    // Checkpoints went over HTTP through the bundle's own AWS SDK client.
    expect({ label, overHttp: r.httpCheckpoints > 0 }).toEqual({ label, overHttp: true });
    // Each example waits at least once, so the service invoked it more than once.
    expect(r.invocations).toBeGreaterThan(1);
  }
  const hello = results.filter((r) => path.basename(r.file).startsWith("hello-world"));
  expect(hello.length).toBeGreaterThanOrEqual(VARIANTS.length);
  for (const r of hello) expect(JSON.parse(r.result)).toEqual({ greeting: "Hello, bundler!" });
}, 25_000);

test("bundling the built CommonJS entry (dist-cjs) leaves no import.meta behind", () => {
  // Not skipped when the build is missing: a missing build must not make the suite green.
  if (!existsSync(DIST_CJS)) throw new Error("dist-cjs is missing: run `npm run build` first.");
  expect(distBundle).toBeDefined();
  const text = readFileSync(distBundle!.file, "utf8");
  expect(text).not.toContain("import.meta");
  expect(distBundle!.warnings.map((w) => w.text).join("\n")).not.toContain("import.meta");
});
