/**
 * Jest test runner of the mutation runs: jest-circus, except that during a mutant run it does not
 * load a test file when no test in it can run (a test already failed for this mutant, or none of
 * the file's tests, as recorded by the initial run, matches Stryker's pattern of covering tests).
 * The initial run records every file's test names and duration (see run-state.cjs).
 * (Stryker requires the runner's path to name jest-circus.)
 */
const circus = require("jest-circus/runner").default;
const { createEmptyTestResult } = require("@jest/test-result");
const { activeMutant, recordTestFile, state, testFiles } = require("./run-state.cjs");

function canRun(globalConfig, rootDir, testPath) {
  const mutant = activeMutant();
  if (mutant === undefined) return true;
  if (state.failedMutant === mutant) return false;
  const recorded = testFiles(rootDir)[testPath];
  if (!recorded || !globalConfig.testNamePattern) return true;
  const pattern = new RegExp(globalConfig.testNamePattern, "i");
  return recorded.names.some((name) => pattern.test(name));
}

/** A file that was not loaded, reported as its tests skipped (Jest fails a file without tests). */
function skippedFile(rootDir, testPath) {
  const names = testFiles(rootDir)[testPath]?.names ?? [testPath];
  const skipped = (name) => ({
    ancestorTitles: [],
    duration: 0,
    failureDetails: [],
    failureMessages: [],
    fullName: name,
    numPassingAsserts: 0,
    status: "pending",
    title: name,
  });
  return {
    ...createEmptyTestResult(),
    numPendingTests: names.length,
    testFilePath: testPath,
    testResults: names.map(skipped),
  };
}

module.exports = async function mutationRunner(globalConfig, config, env, runtime, testPath, send) {
  if (!canRun(globalConfig, config.rootDir, testPath)) return skippedFile(config.rootDir, testPath);
  const started = Date.now();
  const result = await circus(globalConfig, config, env, runtime, testPath, send);
  const underStryker = config.globals?.__strykerGlobalNamespace__ !== undefined;
  if (underStryker && activeMutant() === undefined && !globalConfig.testNamePattern) {
    const names = result.testResults.map((test) => test.fullName);
    recordTestFile(config.rootDir, testPath, names, Date.now() - started);
  }
  return result;
};
