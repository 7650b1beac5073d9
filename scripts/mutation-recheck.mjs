#!/usr/bin/env node
/**
 * Re-tests mutants of a Stryker JSON report one at a time, outside Stryker, against the tests
 * as they are now: applies each mutant's replacement to the source, runs the test files that
 * cover it (jest in band, bail, 8 s per test as in jest.mutation.config.js, 120 s per mutant)
 * and restores the file. Use it
 * - to confirm Stryker's `Timeout` results (on a busy machine a slow run can be reported as a
 *   timeout; a real hang shows here as HANGS, a failing test as KILLED), and
 * - to check that new tests kill the survivors of a report without a whole new run.
 *
 *   node scripts/mutation-recheck.mjs reports/mutation/scheduler.json Survived,Timeout
 *   node scripts/mutation-recheck.mjs reports/mutation/checkpoint.json Survived batcher
 *
 * Arguments: the report, the statuses to re-test, and optionally a part of the file path.
 * RECHECK_TESTS (comma-separated test files) runs those instead of the covering tests: a
 * quick way to see which survivors new test files kill, e.g.
 *   RECHECK_TESTS=test/core/state-loader.test.ts node scripts/mutation-recheck.mjs \
 *     reports/mutation/context.json Survived,NoCoverage state-loader
 * It edits the files of this checkout while it runs: do not run Stryker from it meanwhile.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";

const [reportPath, statuses, fileFilter = ""] = process.argv.slice(2);
if (!reportPath || !statuses) {
  console.error("usage: node scripts/mutation-recheck.mjs <report.json> <Status,…> [file filter]");
  process.exit(2);
}
const report = JSON.parse(readFileSync(reportPath, "utf8"));
const wanted = new Set(statuses.split(","));
const root = process.cwd();
const chosenTests = process.env.RECHECK_TESTS?.split(",").map((file) => file.trim());

/** Test id → the test file it is in. */
const testFileOf = new Map();
for (const [file, { tests }] of Object.entries(report.testFiles ?? {})) {
  for (const test of tests) testFileOf.set(test.id, path.relative(root, path.resolve(root, file)));
}

/** Runs the covering test files of one applied mutant. */
function outcome(files) {
  if (files.length === 0) return "NO TESTS";
  const run = spawnSync(
    "timeout",
    ["120", "npx", "jest", "-c", "jest.mutation.config.js", "--runInBand", "--bail", ...files],
    { cwd: root, stdio: "pipe", env: { ...process.env, MUTATION_TESTS: "test/**/*.test.ts" } },
  );
  if (run.status === 0) return "SURVIVED";
  return run.status === 124 ? "HANGS" : "KILLED";
}

const counts = {};
for (const [file, { mutants }] of Object.entries(report.files)) {
  if (!file.includes(fileFilter)) continue;
  const source = path.resolve(root, file);
  const original = readFileSync(source, "utf8");
  // Interrupted (Ctrl-C, kill): put the source back before leaving.
  const restore = () => {
    writeFileSync(source, original);
    process.exit(130);
  };
  process.once("SIGINT", restore).once("SIGTERM", restore);
  const lines = original.split("\n");
  const offset = ({ line, column }) =>
    lines.slice(0, line - 1).reduce((n, text) => n + text.length + 1, 0) + column - 1;
  try {
    for (const mutant of mutants.filter((m) => wanted.has(m.status))) {
      const { start, end } = mutant.location;
      writeFileSync(
        source,
        original.slice(0, offset(start)) + mutant.replacement + original.slice(offset(end)),
      );
      const files = chosenTests ?? [
        ...new Set((mutant.coveredBy ?? []).map((id) => testFileOf.get(id))),
      ];
      const result = outcome(files.filter(Boolean));
      counts[result] = (counts[result] ?? 0) + 1;
      console.log(
        `${file}:${start.line}:${start.column} ${mutant.mutatorName} ` +
          `${JSON.stringify(mutant.replacement.slice(0, 60))} ${mutant.status} -> ${result}`,
      );
    }
  } finally {
    writeFileSync(source, original);
    process.removeListener("SIGINT", restore).removeListener("SIGTERM", restore);
  }
}
console.log(JSON.stringify(counts));
