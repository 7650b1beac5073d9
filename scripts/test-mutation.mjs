#!/usr/bin/env node
/**
 * `npm run test:mutation`: StrykerJS over the core, one run per folder, each with the tests
 * that exercise it (see docs/testing.md for the times and the scores).
 *
 *   npm run test:mutation                    # the four folders, one after the other
 *   npm run test:mutation -- operations      # one folder (context, operations, checkpoint, scheduler)
 *   npm run test:mutation -- checkpoint --concurrency 1   # extra arguments go to Stryker
 *
 * Each folder keeps an incremental file in reports/mutation/, so a second run only tests the
 * mutants whose code or covering tests changed; delete the file for a full run.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";

/** The folders, with the tests to run (default: the set of jest.mutation.config.js). */
const FOLDERS = {
  context: { mutate: "src/context/**/*.ts" },
  operations: { mutate: "src/operations/**/*.ts" },
  checkpoint: { mutate: "src/checkpoint/**/*.ts" },
  scheduler: {
    mutate: "src/testing/service/timers/scheduler*.ts",
    tests: [
      "test/testing/service/**/*.test.ts",
      "test/property/scheduler*.test.ts",
      "test/testing/service-scheduler.test.ts",
    ],
  },
};

const args = process.argv.slice(2);
const chosen = args.filter((arg) => arg in FOLDERS);
const strykerArgs = args.filter((arg) => !(arg in FOLDERS));
const unknown = strykerArgs.find((arg) => !arg.startsWith("-") && !/^\d+$/.test(arg));
if (unknown) {
  console.error(
    `test:mutation: unknown folder "${unknown}"; choose from ${Object.keys(FOLDERS).join(", ")}`,
  );
  process.exit(2);
}

mkdirSync("reports/mutation", { recursive: true });
let failed = false;
for (const name of chosen.length ? chosen : Object.keys(FOLDERS)) {
  const folder = FOLDERS[name];
  console.log(`\n== mutation testing ${folder.mutate}`);
  const result = spawnSync(
    "npx",
    [
      "stryker",
      "run",
      "--mutate",
      folder.mutate,
      "--incremental",
      "--incrementalFile",
      `reports/mutation/${name}-incremental.json`,
      ...strykerArgs,
    ],
    {
      stdio: "inherit",
      env: { ...process.env, MUTATION_TESTS: folder.tests?.join(",") ?? "", MUTATION_NAME: name },
    },
  );
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
