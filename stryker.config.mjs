// Mutation testing of the core (npm run test:mutation; not part of CI, see docs/testing.md).
// Narrow a run with --mutate, e.g.
//   npx stryker run --mutate "src/testing/service/timers/scheduler.ts"
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "jest",
  jest: {
    projectType: "custom",
    configFile: "jest.mutation.config.js",
    enableFindRelatedTests: false,
  },
  coverageAnalysis: "perTest",
  mutate: [
    "src/context/**/*.ts",
    "src/operations/**/*.ts",
    "src/checkpoint/**/*.ts",
    "src/testing/service/timers/scheduler*.ts",
  ],
  ignorePatterns: ["dist", "dist-cjs", "dist-types", "coverage", "bench/results", "docs", ".tmp"],
  concurrency: 2,
  timeoutMS: 20000,
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  thresholds: { high: 90, low: 85, break: null },
  tempDirName: ".tmp/stryker",
  cleanTempDir: "always",
};
