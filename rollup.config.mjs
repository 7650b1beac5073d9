import esbuild from "rollup-plugin-esbuild";

const external = (id) =>
  id.startsWith("node:") ||
  /^(@aws-sdk|@smithy|tslib|async_hooks|crypto|events|util|path|url|fs|module|http|os|child_process)(\/|$)/.test(
    id,
  );

const plugins = [esbuild({ target: "node20", tsconfig: "tsconfig.json" })];

/**
 * Entry points "." and "./testing" plus the run-durable CLI and the trace plugin its `-v`
 * installs (dist-cjs/trace-plugin.js), each as ESM and CJS.
 */
export default [
  {
    input: {
      index: "src/index.ts",
      testing: "src/testing/index.ts",
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
