import esbuild from "rollup-plugin-esbuild";

const external = (id) =>
  id.startsWith("node:") ||
  /^(@aws-sdk|@smithy|tslib|async_hooks|crypto|events|util|path|url|fs|module|http|os|child_process)(\/|$)/.test(
    id,
  );

const plugins = [esbuild({ target: "node20", tsconfig: "tsconfig.json" })];

const entries = { index: "src/index.ts", testing: "src/testing/index.ts" };

/**
 * Entry points "." and "./testing" as ESM and CJS. The run-durable CLI is built only as CJS
 * (dist-cjs/cli.js, what bin/run-durable loads), sharing the CJS chunks of the library.
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
    input: { ...entries, cli: "src/cli/main.ts" },
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
