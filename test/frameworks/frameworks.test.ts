/**
 * The testing tools never patch global timers or Date, and keep real timers for themselves
 * even when a test framework fakes the global ones, so they work under other test frameworks
 * and their fake timers. These tests run the built package under node:test and vitest in child processes
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

test("vitest, including with vi.useFakeTimers() (Date only, and every timer)", () => {
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
  expect(result.stdout).toMatch(/3 passed/);
});

test("jest with fakeTimers: { enableGlobally: true } (timers faked before the SDK loads)", () => {
  const jest = join(root, "node_modules", "jest", "bin", "jest.js");
  const result = run([jest, "--config", join(__dirname, "jest.enable-globally.config.js"), "--ci"]);
  expect(result.stderr).toMatch(/Tests:\s+2 passed, 2 total/);
  expect(result.status).toBe(0);
});
