/**
 * Test order of the mutation runs: the quickest test files first (by the initial run's record,
 * see run-state.cjs), so that a killed mutant is usually killed early and the rest skipped.
 */
const Sequencer = require("@jest/test-sequencer").default;
const { testFiles } = require("./run-state.cjs");

class QuickestFirst extends Sequencer {
  sort(tests) {
    if (tests.length === 0) return tests;
    const files = testFiles(tests[0].context.config.rootDir);
    const ms = (test) => files[test.path]?.ms ?? 0;
    return [...tests].sort((a, b) => ms(a) - ms(b) || a.path.localeCompare(b.path));
  }
}

module.exports = QuickestFirst;
