/**
 * Jest configuration of the mutation runs (`npm run test:mutation`, see docs/testing.md):
 * the SDK's unit and property tests of the mutated folders only, without the CLI, HTTP,
 * bundle and example suites (they spawn processes or need a build).
 */
// MUTATION_TESTS narrows a run to some test files (comma-separated globs under the root),
// e.g. MUTATION_TESTS="test/checkpoint/**/*.test.ts,test/property/batcher*.test.ts".
const only = process.env.MUTATION_TESTS
  ? process.env.MUTATION_TESTS.split(",").map((glob) => `<rootDir>/${glob.trim()}`)
  : undefined;

/** @type {import('jest').Config} */
module.exports = {
  // Jest's node environment, runner and order, except that a mutant's run stops at its first
  // failing test and loads only the test files holding covering tests (scripts/mutation-jest).
  testEnvironment: `${__dirname}/scripts/mutation-jest/bail-environment.cjs`,
  testRunner: `${__dirname}/scripts/mutation-jest/jest-circus-runner.cjs`,
  testSequencer: `${__dirname}/scripts/mutation-jest/sequencer.cjs`,
  roots: ["<rootDir>/test"],
  testMatch: only ?? [
    "<rootDir>/test/core/**/*.test.ts",
    "<rootDir>/test/operations/**/*.test.ts",
    "<rootDir>/test/checkpoint/**/*.test.ts",
    "<rootDir>/test/helpers/**/*.test.ts",
    "<rootDir>/test/errors/**/*.test.ts",
    "<rootDir>/test/plugins/**/*.test.ts",
    "<rootDir>/test/property/**/*.test.ts",
    "<rootDir>/test/replay/**/*.test.ts",
    "<rootDir>/test/retry/**/*.test.ts",
    "<rootDir>/test/serdes/**/*.test.ts",
    "<rootDir>/test/logging/**/*.test.ts",
    "<rootDir>/test/testing/service-*.test.ts",
    "<rootDir>/test/testing/service/**/*.test.ts",
  ],
  // Left out unless named in MUTATION_TESTS: the random-workflow property tests (27 s) cover
  // nearly every line of src/operations, and the service scheduler tests wait 13 s of real
  // time; they would run for each surviving mutant they cover. CI runs them.
  testPathIgnorePatterns: only
    ? ["/node_modules/"]
    : [
        "/node_modules/",
        "<rootDir>/test/property/workflows.property.test.ts",
        "<rootDir>/test/testing/service-scheduler.test.ts",
      ],
  transform: {
    "^.+\\.tsx?$": [
      "ts-jest",
      { tsconfig: { module: "commonjs", moduleResolution: "node", isolatedModules: true } },
    ],
  },
  moduleFileExtensions: ["ts", "js", "mjs", "json"],
  // A mutant that makes an acknowledgement never come hangs its test: fail it after 8 s (tests
  // that need longer, such as the property tests, declare their own timeout) instead of
  // waiting for Stryker's own timeout.
  testTimeout: 8000,
};
