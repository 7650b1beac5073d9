// Mutation testing of the core: `npm run test:mutation` (scripts/test-mutation.mjs runs one
// folder at a time with its tests; not part of CI, see docs/testing.md). One file:
//   npx stryker run --mutate "src/testing/service/timers/scheduler.ts"
const run = process.env.MUTATION_NAME ?? "mutation";

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
  // A hung test fails after 8 s (jest.mutation.config.js); Stryker's own timeout (covering
  // tests' time x 1.5 + 3 s) catches the rest.
  timeoutMS: 3000,
  // Mutants of code that runs while modules load would run every test each: left out (the
  // report lists them as ignored; 7 in src/checkpoint, …).
  ignoreStatic: true,
  reporters: ["clear-text", "progress", "html", "json"],
  // scripts/test-mutation.mjs names each folder's run (MUTATION_NAME): runs may overlap.
  htmlReporter: { fileName: `reports/mutation/${run}.html` },
  jsonReporter: { fileName: `reports/mutation/${run}.json` },
  eventReporter: { baseDir: `reports/mutation/${run}-events` },
  thresholds: { high: 90, low: 85, break: null },
  tempDirName: `.tmp/stryker-${run}`,
  cleanTempDir: "always",
};
