/**
 * Jest config of the `fakeTimers: { enableGlobally: true }` smoke test: timers are faked
 * before any module of the test (and so the SDK and the embedded service) loads. Run by
 * test/frameworks/frameworks.test.ts in a child process.
 * @type {import('jest').Config}
 */
const sdkProject = require("../../jest.config.js").projects.find((p) => p.displayName === "sdk");

module.exports = {
  ...sdkProject,
  displayName: undefined,
  rootDir: "../..",
  roots: ["<rootDir>/test/frameworks"],
  testMatch: ["**/fixtures/*.fake-timers.ts"],
  fakeTimers: { enableGlobally: true },
};
