/**
 * Runs the vitest and node:test versions of the unit-testing example in child processes, so
 * CI keeps them working; order-workflow.test.ts is the jest version.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const root = join(__dirname, "..", "..");

function run(args: string[]) {
  const result = spawnSync(process.execPath, args, {
    cwd: root,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

test("node:test", () => {
  const { status, output } = run([
    "--import",
    "tsx",
    "--test",
    join(__dirname, "order-workflow.node-test.ts"),
  ]);
  expect(output).toMatch(/# pass 2/);
  expect(output).toMatch(/# fail 0/);
  expect(status).toBe(0);
});

test("vitest", () => {
  const { status, output } = run([
    join(root, "node_modules", "vitest", "vitest.mjs"),
    "run",
    "--config",
    join(__dirname, "vitest.config.mts"),
  ]);
  expect(output).toMatch(/1 passed/);
  expect(status).toBe(0);
});
