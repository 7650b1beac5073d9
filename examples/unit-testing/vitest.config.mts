// Runs examples/unit-testing/*.vitest.ts with the package name mapped to the sources, as
// jest.config.js does for jest (in a project of your own, the installed package resolves).
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const src = (path: string) => fileURLToPath(new URL(`../../src/${path}`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@aws\/durable-execution-sdk-js\/testing$/, replacement: src("testing/index.ts") },
      { find: /^@aws\/durable-execution-sdk-js$/, replacement: src("index.ts") },
    ],
  },
  test: { include: ["**/*.vitest.ts"], root: fileURLToPath(new URL(".", import.meta.url)) },
});
