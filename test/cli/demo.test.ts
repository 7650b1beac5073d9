/**
 * `npm run demo`: the package.json script, run as npm would run it (through the shell), on
 * examples/quick-start.mjs. Needs `npm run build`.
 */
import { execFile } from "node:child_process";
import { assertBuilt, cells, ROOT, trailingJson, treeLines } from "./run-cli";

beforeAll(() => assertBuilt());

test("the demo runs the quick start on the embedded service and prints the tree", async () => {
  const { scripts } = require("../../package.json") as { scripts: Record<string, string> };
  const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile("/bin/sh", ["-c", scripts.demo], { cwd: ROOT, timeout: 20_000 }, (e, stdout, stderr) =>
      resolve({ code: e ? Number(e.code) : 0, stdout, stderr }),
    );
  });
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  expect(run.stdout).toContain("Running durable function from: examples/quick-start.mjs");
  expect(run.stdout).toContain("Skip time: true");
  expect(run.stdout).toMatch(/\[run-durable\] answered callback "approval" with /);
  expect(run.stdout).toContain("order complete");

  const tree = treeLines(run.stdout).map(cells);
  expect(tree).toEqual([
    ["TYPE", "NAME", "STATUS", "ATTEMPTS", "DURATION"],
    ["STEP", "load-order", "SUCCEEDED", "1", expect.any(String)],
    ["WAIT", "cool-off", "SUCCEEDED", "-", "30s"],
    ["CONTEXT (WaitForCallback)", "approval", "SUCCEEDED", "-", expect.any(String)],
    expect.arrayContaining([expect.stringMatching(/^[├└]─ CALLBACK$/), "SUCCEEDED"]),
    expect.arrayContaining([expect.stringMatching(/^[├└]─ STEP$/), "SUCCEEDED"]),
    ["STEP", "charge", "SUCCEEDED", "2", "2s"],
  ]);
  expect(run.stdout).toContain("\nExecution Status: SUCCEEDED\n");
  expect(trailingJson(run.stdout, "Result:")).toEqual({
    orderId: "demo-1",
    receipt: { chargeId: "ch_demo-1", amount: 129.5 },
  });
});
