/**
 * What only the built binary shows: it is executable, loads TypeScript handlers through tsx
 * (tsx's ESM loader cannot run inside Jest), and explains a missing tsx. Needs `npm run build`.
 */
import { execFile } from "node:child_process";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { assertBuilt, BIN, FIXTURES, ROOT, runCli, trailingJson } from "./run-cli";

beforeAll(() => assertBuilt());

describe("the binary", () => {
  test("bin/run-durable is executable", () => {
    expect(statSync(BIN).mode & 0o111).not.toBe(0);
  });
});

describe("TypeScript handlers", () => {
  test("runs a TypeScript handler through tsx, with --handler-export and --event=", async () => {
    const run = await runCli([
      `${FIXTURES}/typed.ts`,
      "--handler-export",
      "greet",
      '--event={"name":"ts"}',
    ]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(trailingJson(run.stdout, "Result:")).toEqual({ message: "hello, ts", language: "ts" });
  });
});

describe("TypeScript without tsx", () => {
  test("a .ts handler without tsx installed gets an install hint, exit 2", async () => {
    // A copy of the built CLI next to a node_modules that has everything but tsx.
    const dir = mkdtempSync(path.join(tmpdir(), "run-durable-notsx-"));
    try {
      cpSync(path.join(ROOT, "dist-cjs"), path.join(dir, "dist-cjs"), { recursive: true });
      cpSync(path.join(ROOT, "bin"), path.join(dir, "bin"), { recursive: true });
      mkdirSync(path.join(dir, "node_modules"));
      for (const entry of readdirSync(path.join(ROOT, "node_modules"))) {
        if (entry === "tsx" || entry === ".bin") continue;
        symlinkSync(path.join(ROOT, "node_modules", entry), path.join(dir, "node_modules", entry));
      }
      writeFileSync(
        path.join(dir, "h.ts"),
        "export const handler = async (): Promise<number> => 1;\n",
      );
      const run = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        execFile(
          process.execPath,
          [path.join(dir, "bin", "run-durable"), "h.ts"],
          { cwd: dir },
          (e, _o, stderr) => resolve({ code: e ? (e.code as number) : 0, stderr }),
        );
      });
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(
        "Error: Cannot run TypeScript handler h.ts: the 'tsx' package is not installed.\n" +
          "Install it in your project (npm install --save-dev tsx), or compile the handler to JavaScript and run the .js file.\n",
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
