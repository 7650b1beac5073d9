/**
 * Two projects: the SDK's own tests, and examples/, whose files import the package by its
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
