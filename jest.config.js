/**
 * Three projects: the SDK's own tests; "cli-src", which runs the CLI tests a second time with
 * the program in process from src/ (test/cli/run-cli-in-process.ts stands in for the binary,
 * the fixtures' imports of the build map to src/); and examples/, whose files import the package by its
 * published name ("@aws/durable-execution-sdk-js"), mapped here to the sources so that the
 * examples run without a build. The mapping is kept out of the SDK project on purpose: the
 * compat/ and test/package/ suites check how the real package name resolves.
 */
const shared = {
  testEnvironment: "node",
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.tsx?$": [
      "ts-jest",
      { tsconfig: { module: "commonjs", moduleResolution: "node", isolatedModules: true } },
    ],
  },
  moduleFileExtensions: ["ts", "js", "mjs", "json"],
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 30000,
  projects: [
    {
      ...shared,
      displayName: "sdk",
      roots: ["<rootDir>/test", "<rootDir>/src", "<rootDir>/compat"],
      testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/cli/in-process/"],
    },
    {
      ...shared,
      displayName: "cli-src",
      roots: ["<rootDir>/test/cli"],
      testMatch: [
        "**/run-durable.test.ts",
        "**/features.test.ts",
        "**/replay.test.ts",
        "**/in-process/*.test.ts",
      ],
      transform: {
        ...shared.transform,
        "^.+\\.mjs$": "<rootDir>/test/cli/esm-fixture-transform.js",
      },
      moduleNameMapper: {
        "^\\./run-cli$": "<rootDir>/test/cli/run-cli-in-process.ts",
        "^(\\.\\./){3}dist/index\\.mjs$": "<rootDir>/src/index.ts",
        "^(\\.\\./){3}dist-cjs/index\\.js$": "<rootDir>/src/index.ts",
        "^(.*)/src/cli/trace-plugin\\.js$": "$1/src/cli/trace-plugin.ts",
      },
    },
    {
      ...shared,
      displayName: "examples",
      roots: ["<rootDir>/examples"],
      moduleNameMapper: {
        "^@aws/durable-execution-sdk-js$": "<rootDir>/src/index.ts",
        "^@aws/durable-execution-sdk-js/testing$": "<rootDir>/src/testing/index.ts",
      },
    },
  ],
};
