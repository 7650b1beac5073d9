/**
 * The "./otel" and "./eslint-plugin" entries as an installed package: both load by name from
 * CommonJS and ESM, the OTel plugin loads through DURABLE_EXECUTION_PLUGINS and traces a run on
 * the global tracer provider (as the Lambda OTel layer sets one up), and the main entry pulls in
 * neither `@opentelemetry/api` nor `eslint`. Needs `npm run build`.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { createConsumerProject, ROOT, type ConsumerProject } from "./consumer-project";

const PEERS = /["'](@opentelemetry\/[^"']+|eslint(\/[^"']*)?)["']/;

let project: ConsumerProject;

beforeAll(() => {
  for (const file of ["dist/otel.mjs", "dist-cjs/otel.js", "dist/eslint-plugin.mjs"]) {
    if (!existsSync(path.join(ROOT, file))) {
      throw new Error(`${file} is missing: run \`npm run build\` before the package tests.`);
    }
  }
  project = createConsumerProject();
  // The user installs the optional peer next to the package.
  symlinkSync(
    path.join(ROOT, "node_modules", "@opentelemetry"),
    path.join(project.dir, "node_modules", "@opentelemetry"),
    "dir",
  );
});

afterAll(() => project?.remove());

/** Runs a script file in the consumer project and returns its last output line, parsed. */
function runScript(name: string, source: string, env: Record<string, string> = {}): unknown {
  const file = path.join(project.dir, name);
  writeFileSync(file, source);
  const out = execFileSync(process.execPath, [file], {
    cwd: project.dir,
    env: { ...process.env, ...env },
    encoding: "utf8",
    timeout: 20_000,
  });
  const lines = out.trim().split("\n");
  return JSON.parse(lines[lines.length - 1]);
}

const OTEL_NAMES = [
  "DurableAttributes",
  "DurableIdGenerator",
  "DurableOtelPlugin",
  "OTEL_MODE_ENV_VAR",
  "durableExecutionPluginProvider",
  "durableSpanId",
  "executionTraceId",
  "invocationTraceId",
];
const LINT_NAMES = ["PLUGIN_PREFIX", "configs", "default", "durableExecutionPlugin", "rules"];

test("both entries load by name from CommonJS", () => {
  const result = runScript(
    "load.cjs",
    `const otel = require("@aws/durable-execution-sdk-js/otel");
const lint = require("@aws/durable-execution-sdk-js/eslint-plugin");
console.log(JSON.stringify({
  otel: Object.keys(otel).sort(),
  lint: Object.keys(lint).sort(),
  rules: Object.keys(lint.configs.recommended.rules).length,
  plugin: new otel.DurableOtelPlugin() instanceof otel.durableExecutionPluginProvider.pluginType,
}));`,
  );
  expect(result).toEqual({ otel: OTEL_NAMES, lint: LINT_NAMES, rules: 5, plugin: true });
});

test("both entries load by name from ESM, the lint plugin as the default export", () => {
  const result = runScript(
    "load.mjs",
    `import * as otel from "@aws/durable-execution-sdk-js/otel";
import durable from "@aws/durable-execution-sdk-js/eslint-plugin";
console.log(JSON.stringify({
  otel: Object.keys(otel).sort(),
  rules: Object.keys(durable.rules).sort(),
  recommended: durable.configs.recommended.plugins.durable === durable,
}));`,
  );
  expect(result).toEqual({
    otel: OTEL_NAMES,
    rules: [
      "no-captured-mutation-in-step",
      "no-floating-operation",
      "no-nondeterminism-outside-step",
      "no-operation-in-step",
      "no-outer-context",
    ],
    recommended: true,
  });
});

test("DURABLE_EXECUTION_PLUGINS loads the otel entry, which traces on the global provider", () => {
  const result = runScript(
    "env-plugin.mjs",
    `import { trace } from "@opentelemetry/api";
import { withDurableExecution } from "@aws/durable-execution-sdk-js";
import { LocalDurableTestRunner } from "@aws/durable-execution-sdk-js/testing";
import { DurableIdGenerator, executionTraceId } from "@aws/durable-execution-sdk-js/otel";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
const exporter = new InMemorySpanExporter();
trace.setGlobalTracerProvider(new BasicTracerProvider({
  idGenerator: new DurableIdGenerator(),
  spanProcessors: [new SimpleSpanProcessor(exporter)],
}));
await LocalDurableTestRunner.setupTestEnvironment({ skipTime: true });
const handler = withDurableExecution(async (event, ctx) => {
  await ctx.wait("pause", { seconds: 10 });
  return ctx.step("work", async () => "done");
});
const result = await new LocalDurableTestRunner({ handlerFunction: handler }).run();
await LocalDurableTestRunner.teardownTestEnvironment();
const spans = exporter.getFinishedSpans();
const arn = spans[0]?.attributes["durable.execution.arn"];
console.log(JSON.stringify({
  status: result.getStatus(),
  names: spans.map((s) => s.name).sort(),
  oneTrace: spans.every((s) => s.spanContext().traceId === executionTraceId(String(arn))),
}));`,
    { DURABLE_EXECUTION_PLUGINS: "@aws/durable-execution-sdk-js/otel" },
  );
  expect(result).toEqual({
    status: "SUCCEEDED",
    names: [
      "execution",
      "invocation",
      "invocation",
      "step work",
      "step work attempt 1",
      "wait pause",
    ],
    oneTrace: true,
  });
});

/** Every file the entry reaches through relative imports, with the entry itself. */
function staticGraph(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(/(?:from\s*|require\(|import\()\s*["'](\.[^"']+)["']/g)) {
      visit(path.resolve(path.dirname(file), match[1]));
    }
  };
  visit(entry);
  return [...seen];
}

test.each([["dist/index.mjs"], ["dist-cjs/index.js"]])(
  "the main entry %s never imports @opentelemetry or eslint",
  (entry) => {
    const graph = staticGraph(path.join(ROOT, entry));
    expect(graph.length).toBeGreaterThan(1);
    const offenders = graph.filter((file) => PEERS.test(readFileSync(file, "utf8")));
    expect(offenders).toEqual([]);
    // ...while the otel entry does, so the check can see such an import.
    const otelEntry = path.join(ROOT, entry.replace(/index\.(m?js)$/, "otel.$1"));
    expect(staticGraph(otelEntry).some((f) => PEERS.test(readFileSync(f, "utf8")))).toBe(true);
  },
);

test("loading the main entry loads no @opentelemetry or eslint module", () => {
  const loaded = runScript(
    "main-only.cjs",
    `require("@aws/durable-execution-sdk-js");
console.log(JSON.stringify(Object.keys(require.cache)));`,
  ) as string[];
  expect(loaded.some((f) => f.includes(`${path.sep}dist-cjs${path.sep}index.js`))).toBe(true);
  expect(
    loaded.filter((f) => /[\\/]node_modules[\\/](@opentelemetry|eslint)[\\/]/.test(f)),
  ).toEqual([]);
});

test("package.json declares the peers as optional and exports both entries", () => {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8"));
  expect(Object.keys(pkg.peerDependencies).sort()).toEqual(["@opentelemetry/api", "eslint"]);
  expect(pkg.peerDependenciesMeta).toEqual({
    "@opentelemetry/api": { optional: true },
    eslint: { optional: true },
  });
  expect(pkg.dependencies).not.toHaveProperty("@opentelemetry/api");
  expect(pkg.dependencies).not.toHaveProperty("eslint");
  for (const entry of ["otel", "eslint-plugin"]) {
    expect(pkg.exports[`./${entry}`]).toEqual({
      types: `./dist-types/${entry}/index.d.ts`,
      import: `./dist/${entry}.mjs`,
      require: `./dist-cjs/${entry}.js`,
    });
    expect(pkg.typesVersions["*"][entry]).toEqual([`./dist-types/${entry}/index.d.ts`]);
  }
});
