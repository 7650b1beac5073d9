import esbuild from "rollup-plugin-esbuild";

const external = (id) =>
  id.startsWith("node:") ||
  /^(@aws-sdk|@smithy|tslib|async_hooks|crypto|events|util|path|url|fs|module|http|os|child_process)(\/|$)/.test(
    id,
  ) ||
  // Optional peer dependencies of the "./otel" and "./eslint-plugin" entries.
  /^(@opentelemetry\/api|eslint)(\/|$)/.test(id);

const plugins = [esbuild({ target: "node20", tsconfig: "tsconfig.json" })];

/**
 * Entry points ".", "./testing", "./otel" and "./eslint-plugin" plus the run-durable CLI and
 * the trace plugin its `-v` installs (dist-cjs/trace-plugin.js), each as ESM and CJS. The otel
 * and eslint-plugin entries keep their peers external.
 */
export default [
  {
    input: {
      index: "src/index.ts",
      testing: "src/testing/index.ts",
      otel: "src/otel/index.ts",
      "eslint-plugin": "src/eslint-plugin/index.ts",
      cli: "src/cli/main.ts",
      "trace-plugin": "src/cli/trace-plugin.ts",
    },
    external,
    plugins,
    output: [
      {
        dir: "dist",
        format: "esm",
        entryFileNames: "[name].mjs",
        chunkFileNames: "chunks/[name]-[hash].mjs",
      },
      {
        dir: "dist-cjs",
        format: "cjs",
        entryFileNames: "[name].js",
        chunkFileNames: "chunks/[name]-[hash].js",
        exports: "named",
      },
    ],
  },
];
