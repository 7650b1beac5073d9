/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test", "<rootDir>/src", "<rootDir>/examples", "<rootDir>/compat"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.tsx?$": [
      "ts-jest",
      { tsconfig: { module: "commonjs", moduleResolution: "node", isolatedModules: true } },
    ],
  },
  moduleFileExtensions: ["ts", "js", "mjs", "json"],
  testTimeout: 30000,
};
