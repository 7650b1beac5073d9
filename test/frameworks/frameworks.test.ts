/**
 * The testing tools never patch global timers or Date, so they work under other test
 * frameworks. These tests run the built package under node:test and vitest in child processes
 * (they need `npm run build` first, as CI does).
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

const root = join(__dirname, "..", "..");
const fixtures = join(__dirname, "fixtures");

beforeAll(() => {
  if (!existsSync(join(root, "dist", "testing.mjs"))) {
    throw new Error("dist/ is missing: run `npm run build` before these tests");
  }
});

function run(args: string[]) {
  return spawnSync(process.execPath, args, { cwd: root, encoding: "utf8", timeout: 60_000 });
}

test("node:test", () => {
  const result = run(["--test", join(fixtures, "node-test.mjs")]);
  expect(result.stderr + result.stdout).toMatch(/# pass 1/);
  expect(result.status).toBe(0);
});

test("vitest, including with vitest's fake timers installed", () => {
  const vitest = join(root, "node_modules", "vitest", "vitest.mjs");
  const result = run([
    vitest,
    "run",
    "--root",
    fixtures,
    "--dir",
    fixtures,
    "--reporter",
    "verbose",
  ]);
  expect(result.status).toBe(0);
  expect(result.stdout).toMatch(/2 passed/);
});
