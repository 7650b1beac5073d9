/**
 * Jest environment of the mutation runs: once a test fails while a mutant is active, every later
 * test of that mutant's run is skipped (Stryker's jest runner cannot bail; see run-state.cjs).
 * Outside a mutant run it is Jest's node environment.
 */
const { TestEnvironment } = require("jest-environment-node");
const { activeMutant, state } = require("./run-state.cjs");

class BailEnvironment extends TestEnvironment {
  async handleTestEvent(event, circusState) {
    await super.handleTestEvent?.(event, circusState);
    const mutant = activeMutant();
    if (mutant === undefined) return;
    if (event.name === "test_fn_failure" || event.name === "hook_failure") {
      state.failedMutant = mutant;
    } else if (event.name === "test_start" && state.failedMutant === mutant) {
      // jest-circus decides whether to skip a test after dispatching test_start.
      event.test.mode = "skip";
    }
  }
}

module.exports = BailEnvironment;
