import esbuild from "rollup-plugin-esbuild";

const external = (id) =>
  id.startsWith("node:") ||
  /^(@aws-sdk|@smithy|tslib|async_hooks|crypto|events|util|path|url|fs|module|http|os|child_process)(\/|$)/.test(
    id,
  ) ||
  // Optional peer dependencies of the "./otel" and "./eslint-plugin" entries.
  /^(@opentelemetry\/api|eslint)(\/|$)/.test(id);

const plugins = [esbuild({ target: "node20", tsconfig: "tsconfig.json" })];

const entries = {
  index: "src/index.ts",
  testing: "src/testing/index.ts",
  otel: "src/otel/index.ts",
  "eslint-plugin": "src/eslint-plugin/index.ts",
};

/**
 * Entry points ".", "./testing", "./otel" and "./eslint-plugin" as ESM and CJS (the otel and
 * eslint-plugin entries keep their peers external). The run-durable CLI and the trace plugin
 * its `-v` installs are built only as CJS (dist-cjs/cli.js, what bin/run-durable loads, and
 * dist-cjs/trace-plugin.js), sharing the CJS chunks of the library.
 */
export default [
  {
    input: entries,
    external,
    plugins,
    output: {
      dir: "dist",
      format: "esm",
      entryFileNames: "[name].mjs",
      chunkFileNames: "chunks/[name]-[hash].mjs",
    },
  },
  {
    input: { ...entries, cli: "src/cli/main.ts", "trace-plugin": "src/cli/trace-plugin.ts" },
    external,
    plugins,
    output: {
      dir: "dist-cjs",
      format: "cjs",
      entryFileNames: "[name].js",
      chunkFileNames: "chunks/[name]-[hash].js",
      exports: "named",
    },
  },
];
