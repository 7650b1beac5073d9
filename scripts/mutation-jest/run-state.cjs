/**
 * What the mutation runs' Jest plugins share within one Stryker worker (see docs/testing.md):
 * which mutant has already failed a test, and, recorded by the initial run of every test, the
 * test names and duration of each test file.
 *
 * Stryker's jest runner gives Jest no list of files, only a pattern of the covering tests' names,
 * and Jest cannot bail programmatically: without these plugins every mutant loads all test files
 * and runs every covering test, even after one has failed.
 */
const { existsSync, readFileSync, writeFileSync } = require("node:fs");
const path = require("node:path");

/** The variable through which Stryker names the mutant under test (unset in its initial run). */
const ACTIVE_MUTANT = "__STRYKER_ACTIVE_MUTANT__";

/** The id of the mutant under test, or undefined outside a mutant run. */
function activeMutant() {
  return process.env[ACTIVE_MUTANT];
}

const state = {
  /** The last mutant for which a test failed: its remaining tests are skipped. */
  failedMutant: undefined,
  /** file path -> { names: string[], ms: number }, loaded from the initial run's record. */
  files: undefined,
};

/** Where the initial run's record lives: inside Stryker's sandbox, deleted with it. */
function recordPath(rootDir) {
  return path.join(rootDir, ".mutation-test-files.json");
}

/** The initial run's record of test files (an empty one when there is none yet). */
function testFiles(rootDir) {
  if (!state.files) {
    const file = recordPath(rootDir);
    state.files = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
  }
  return state.files;
}

/** Adds one test file's names and duration to the record (initial run only). */
function recordTestFile(rootDir, testPath, names, ms) {
  const files = testFiles(rootDir);
  files[testPath] = { names, ms };
  writeFileSync(recordPath(rootDir), JSON.stringify(files));
}

module.exports = { activeMutant, recordTestFile, state, testFiles };
