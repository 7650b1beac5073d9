/**
 * The run-durable program on fixture handlers (.mjs, .cjs): spawned as the built binary in the
 * "sdk" project (needs `npm run build`), run in process from src/ in the "cli-src" project.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { assertBuilt, cells, FIXTURES, runCli, trailingJson, treeLines } from "./run-cli";

beforeAll(() => assertBuilt());

describe("successful runs", () => {
  test("prints the header, the operation tree, the status and the result; exit 0", async () => {
    const run = await runCli([`${FIXTURES}/steps.mjs`, "--event", '{"n":4}']);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toBe(`Running durable function from: ${FIXTURES}/steps.mjs`);
    expect(lines[1]).toBe("Skip time: true, Verbose: false, Show history: false");
    expect(lines[2]).toBe('Handler export: handler, Event: {"n":4}');
    expect(run.stdout).toContain("fixture done");

    const tree = treeLines(run.stdout).map(cells);
    expect(tree).toEqual([
      ["TYPE", "NAME", "STATUS", "ATTEMPTS", "DURATION"],
      ["STEP", "double", "SUCCEEDED", "1", expect.stringMatching(/^\d+ms$/)],
      ["WAIT", "nap", "SUCCEEDED", "-", "30s"],
      ["CONTEXT", "group", "SUCCEEDED", "-", expect.stringMatching(/^\d+ms$/)],
      ["└─ STEP", "inner", "SUCCEEDED", "1", expect.stringMatching(/^\d+ms$/)],
    ]);
    expect(run.stdout).toContain("\nExecution Status: SUCCEEDED\n");
    expect(run.stdout).toMatch(/\nInvocations: \d+\n/);
    expect(run.stdout).not.toContain("History Events:");
    expect(trailingJson(run.stdout, "Result:")).toEqual({
      doubled: 8,
      inner: 9,
      received: { n: 4 },
    });
  });

  test("without an event the handler receives {}", async () => {
    const run = await runCli([`${FIXTURES}/steps.mjs`]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Event: (none: {})");
    expect(trailingJson(run.stdout, "Result:")).toEqual({ doubled: 2, inner: 3, received: {} });
  });

  test("--event-file reads the payload; a .cjs module's lambdaHandler is the fallback export", async () => {
    const run = await runCli([
      `${FIXTURES}/commonjs.cjs`,
      "--event-file",
      `${FIXTURES}/event.json`,
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Handler export: lambdaHandler");
    expect(trailingJson(run.stdout, "Result:")).toEqual({
      echoed: { n: 21, from: "file" },
      format: "cjs",
    });
  });

  test("retries are skipped in virtual time and attempts are shown", async () => {
    const run = await runCli([`${FIXTURES}/retries.mjs`]);
    expect(run.code).toBe(0);
    expect(treeLines(run.stdout).map(cells)[1]).toEqual([
      "STEP",
      "flaky",
      "SUCCEEDED",
      "3",
      expect.stringMatching(/^20(\.\d)?s$/),
    ]);
    expect(trailingJson(run.stdout, "Result:")).toBe("ok after 3");
  });

  test("--no-skip-time runs waits in real time (header says so)", async () => {
    const run = await runCli([`${FIXTURES}/brief-wait.mjs`, "--no-skip-time", "--show-history"]);
    const endedAt = Date.now();
    expect(run.code).toBe(0);
    expect(run.stdout.split("\n")[1]).toBe("Skip time: false, Verbose: false, Show history: true");
    expect(trailingJson(run.stdout, "Result:")).toBe(2);
    // The one-second wait ended on the service's clock; without skipping that clock is the
    // real one, so the run cannot have finished before the wait's scheduled end. (With time
    // skipping the run ends about a second before it.) No duration is measured.
    const until = /WaitStarted .* until=(\S+)/.exec(run.stdout)?.[1];
    expect(until).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
    expect(endedAt).toBeGreaterThanOrEqual(Date.parse(until!));
    expect(run.stdout).toMatch(/WaitSucceeded +Wait +pause /);
  });

  test("--show-history prints one row per history event", async () => {
    const run = await runCli([`${FIXTURES}/steps.mjs`, "--show-history"]);
    expect(run.code).toBe(0);
    const lines = run.stdout.split("\n");
    const at = lines.indexOf("History Events:");
    expect(at).toBeGreaterThan(lines.indexOf("Execution Status: SUCCEEDED"));
    const table = lines.slice(at + 1, lines.indexOf("", at)).map(cells);
    expect(table[0]).toEqual(["#", "TIME", "EVENT", "SUBTYPE", "NAME", "ID", "DETAILS"]);
    const types = table.slice(1).map((row) => row[2]);
    expect(types[0]).toBe("ExecutionStarted");
    expect(types.at(-1)).toBe("ExecutionSucceeded");
    expect(types).toEqual(
      expect.arrayContaining([
        "StepStarted",
        "StepSucceeded",
        "WaitStarted",
        "WaitSucceeded",
        "ContextStarted",
        "ContextSucceeded",
        "InvocationCompleted",
      ]),
    );
    expect(table.slice(1).map((row) => Number(row[0]))).toEqual(types.map((_, i) => i + 1));
    const waitStarted = table.find((row) => row[2] === "WaitStarted");
    expect(waitStarted?.[6]).toMatch(/^duration=30s until=/);
    expect(lines.indexOf("Result:")).toBeGreaterThan(at);
  });

  test("--verbose is reported in the header and traces the SDK's decisions to stderr", async () => {
    const run = await runCli([`${FIXTURES}/commonjs.cjs`, "--verbose"]);
    expect(run.code).toBe(0);
    expect(run.stdout.split("\n")[1]).toBe("Skip time: true, Verbose: true, Show history: false");
    const trace = run.stderr.split("\n");
    expect(trace[0]).toMatch(/^\[trace\] invocation #1 \(request [\w-]+\): first invocation$/);
    expect(trace).toContain('[trace]   execute STEP "echo"');
    // Without the flag, nothing is traced.
    const quiet = await runCli([`${FIXTURES}/commonjs.cjs`]);
    expect(quiet.stderr).toBe("");
  });
});

describe("failed executions", () => {
  test("a FAILED execution prints the error block and exits 1", async () => {
    const run = await runCli([`${FIXTURES}/fails.mjs`]);
    expect(run.code).toBe(1);
    expect(treeLines(run.stdout).map(cells).slice(1)).toEqual([
      ["STEP", "ok", "SUCCEEDED", "1", expect.any(String)],
      ["STEP", "boom", "FAILED", "1", expect.any(String)],
    ]);
    expect(run.stdout).toContain("\nExecution Status: FAILED\n");
    expect(run.stdout).not.toContain("Result:");
    expect(trailingJson(run.stdout, "Error:")).toEqual({
      errorMessage: "kaput",
      errorType: "StepError",
    });
  });
});

describe("callbacks", () => {
  test("--answer-callbacks completes createCallback and waitForCallback callbacks", async () => {
    const run = await runCli([`${FIXTURES}/callbacks.mjs`, "--answer-callbacks", '{"ok":1}']);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('[run-durable] answered callback "token" with {"ok":1}');
    expect(run.stdout).toContain('[run-durable] answered callback "review" with {"ok":1}');
    expect(trailingJson(run.stdout, "Result:")).toEqual({
      // callback results are raw strings unless a deserializer is configured
      viaCreate: '{"ok":1}',
      viaWait: '{"ok":1}',
      hadId: true,
    });
  });

  test("without --answer-callbacks an unanswered callback ends the run with a hint; exit 1", async () => {
    const run = await runCli([`${FIXTURES}/callbacks.mjs`]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^Error: .*cannot make progress.*"token"/);
    expect(run.stderr).toContain("Hint: pass --answer-callbacks '<json>'");
  });
});

describe("errors and exit codes", () => {
  const cases: [string, string[], string][] = [
    ["missing file", ["nope.mjs"], "Error: File not found: nope.mjs\n"],
    [
      "missing export",
      [`${FIXTURES}/exports.mjs`, "--handler-export", "missing"],
      `Error: Export 'missing' not found in ${FIXTURES}/exports.mjs\n` +
        "Available exports: handler, nothing, other. Choose one with --handler-export <name>.\n",
    ],
    [
      "falsy export",
      [`${FIXTURES}/exports.mjs`, "--handler-export", "nothing"],
      `Error: No handler function found in ${FIXTURES}/exports.mjs\nExpected an export with key nothing\n`,
    ],
    [
      "non-function export",
      [`${FIXTURES}/exports.mjs`],
      "Error: Handler must be a function, got number\n",
    ],
    [
      "missing argument",
      [],
      "error: missing required argument 'file'\n(run with --help for usage)\n",
    ],
    [
      "unknown option",
      ["--bogus", `${FIXTURES}/steps.mjs`],
      "error: unknown option '--bogus'\n(run with --help for usage)\n",
    ],
    [
      "option without its value",
      [`${FIXTURES}/steps.mjs`, "--event"],
      "error: option '--event <json>' argument missing\n(run with --help for usage)\n",
    ],
    [
      "--event and --event-file together",
      [`${FIXTURES}/steps.mjs`, "--event", "{}", "--event-file", `${FIXTURES}/event.json`],
      "error: options '--event' and '--event-file' cannot be used together\n(run with --help for usage)\n",
    ],
    [
      "missing event file",
      [`${FIXTURES}/steps.mjs`, "--event-file", "nofile.json"],
      "Error: Event file not found: nofile.json\n",
    ],
  ];

  test.each(cases)("%s: message on stderr, nothing on stdout, exit 2", async (_name, args, err) => {
    const run = await runCli(args);
    expect(run.stderr).toBe(err);
    expect(run.stdout).toBe("");
    expect(run.code).toBe(2);
  });

  test("bad JSON in --event or the event file is a clear error, exit 2", async () => {
    const inline = await runCli([`${FIXTURES}/steps.mjs`, "--event", "{bad"]);
    expect(inline.code).toBe(2);
    expect(inline.stderr).toMatch(/^Error: Invalid JSON in --event: /);
    expect(inline.stdout).toBe("");
    const file = await runCli([
      `${FIXTURES}/steps.mjs`,
      "--event-file",
      `${FIXTURES}/bad-event.txt`,
    ]);
    expect(file.code).toBe(2);
    expect(file.stderr).toMatch(
      new RegExp(`^Error: Invalid JSON in event file ${FIXTURES}/bad-event.txt: `),
    );
  });

  test("a module that throws while loading is a load error, exit 2", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "run-durable-"));
    try {
      writeFileSync(path.join(dir, "broken.mjs"), 'throw new Error("boom at import");\n');
      const run = await runCli(["broken.mjs"], { cwd: dir });
      expect(run.code).toBe(2);
      expect(run.stderr).toBe("Error: Failed to load broken.mjs: boom at import\n");
      const verbose = await runCli(["broken.mjs", "--verbose"], { cwd: dir });
      expect(verbose.code).toBe(2);
      expect(verbose.stderr).toMatch(
        /^Error: Failed to load broken.mjs: boom at import\nError: boom at import\n\s+at .*broken\.mjs/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("help and version", () => {
  test("--help prints the usage with options and exit codes; exit 0", async () => {
    for (const flag of ["--help", "-h"]) {
      const run = await runCli([flag]);
      expect(run.code).toBe(0);
      expect(run.stderr).toBe("");
      expect(run.stdout).toMatch(/^Usage: run-durable \[run\] \[options\] <file>\n/);
      for (const option of [
        "--event <json>",
        "--event-file <path>",
        "--no-skip-time",
        "--handler-export <name>",
        "--answer-callbacks <json>",
        "--show-history",
        "--timeline <file.html>",
        "--function <name=file[:export]>",
        "run-durable serve [options] <file>...",
        "run-durable timeline [options] <history.json>",
        "-v, --verbose",
        "-V, --version",
        "Exit codes:",
      ]) {
        expect(run.stdout).toContain(option);
      }
    }
  });

  test("--version prints the package version; exit 0", async () => {
    const { version } = require("../../package.json") as { version: string };
    for (const flag of ["--version", "-V"]) {
      const run = await runCli([flag]);
      expect(run).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
    }
  });
});

describe("--isolate", () => {
  test("a handler that exits the process fails that invocation only and is invoked again", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cli-isolate-"));
    const run = await runCli([
      "test/testing/fixtures/isolation/crashes.mjs",
      "--isolate",
      "--handler-export",
      "exitsInStep",
      "--event",
      JSON.stringify({ marker: path.join(dir, "marker") }),
      "--show-history",
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Isolated: worker thread per invocation");
    expect(run.stdout).toContain("Invocations: 2\n");
    expect(run.stdout).toContain("Runtime.ExitError");
    expect(trailingJson(run.stdout, "Result:")).toEqual({ before: "ready", value: "survived" });
  });
});
