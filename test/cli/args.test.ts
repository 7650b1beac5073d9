/** The hand-written argument parser of run-durable. */
import { DEFAULT_SERVE_PORT, parseArgs } from "../../src/cli/args";
import { CliError } from "../../src/cli/cli-error";

function error(argv: string[]): CliError {
  try {
    parseArgs(argv);
  } catch (e) {
    return e as CliError;
  }
  throw new Error("expected a CliError");
}

test("defaults: time skipping on, nothing else", () => {
  expect(parseArgs(["h.mjs"])).toEqual({
    file: "h.mjs",
    skipTime: true,
    showHistory: false,
    isolate: false,
    verbose: false,
    help: false,
    version: false,
  });
});

test("every option, in both value forms", () => {
  const o = parseArgs([
    "--no-skip-time",
    "--event",
    '{"a":1}',
    "--handler-export=main",
    "--show-history",
    "-v",
    "--answer-callbacks",
    '"ok"',
    "h.ts",
  ]);
  expect(o).toMatchObject({
    file: "h.ts",
    event: '{"a":1}',
    handlerExport: "main",
    skipTime: false,
    showHistory: true,
    verbose: true,
    answerCallbacks: '"ok"',
  });
  expect(parseArgs(["h.mjs", "--event-file", "e.json"]).eventFile).toBe("e.json");
});

test("--skip-time is still accepted; the last of --skip-time/--no-skip-time wins", () => {
  expect(parseArgs(["--skip-time", "h.mjs"]).skipTime).toBe(true);
  expect(parseArgs(["--skip-time", "--no-skip-time", "h.mjs"]).skipTime).toBe(false);
  expect(parseArgs(["--no-skip-time", "--skip-time", "h.mjs"]).skipTime).toBe(true);
});

test("values that look like numbers or '-' are values; -- ends the options", () => {
  expect(parseArgs(["h.mjs", "--event", "-1"]).event).toBe("-1");
  expect(parseArgs(["--", "--weird-name.mjs"]).file).toBe("--weird-name.mjs");
});

test("--help and --version need no file", () => {
  expect(parseArgs(["-h"]).help).toBe(true);
  expect(parseArgs(["--version"]).version).toBe(true);
  expect(parseArgs(["--bogus-free", "-V"].slice(1)).version).toBe(true);
});

test("usage errors carry exit code 2 and the reference wording", () => {
  expect(error([]).message).toMatch(/^error: missing required argument 'file'/);
  expect(error(["-x", "h.mjs"]).message).toMatch(/^error: unknown option '-x'/);
  expect(error(["--nope=1", "h.mjs"]).message).toMatch(/^error: unknown option '--nope'/);
  expect(error(["h.mjs", "--handler-export"]).message).toMatch(
    /^error: option '--handler-export <name>' argument missing/,
  );
  expect(error(["h.mjs", "--event", "--show-history"]).message).toMatch(/argument missing/);
  expect(error(["--show-history=yes", "h.mjs"]).message).toMatch(/does not take a value/);
  expect(error(["a.mjs", "b.mjs"]).message).toMatch(/^error: too many arguments/);
  expect(error(["a.mjs", "--event", "{}", "--event-file", "f"]).message).toMatch(
    /cannot be used together/,
  );
  expect(error([]).exitCode).toBe(2);
});

test("--serve takes an optional port", () => {
  expect(parseArgs(["h.mjs", "--serve"]).serve).toBe(DEFAULT_SERVE_PORT);
  expect(parseArgs(["--serve", "0", "h.mjs"]).serve).toBe(0);
  expect(parseArgs(["--serve=8080", "h.mjs"]).serve).toBe(8080);
  expect(error(["--serve=http", "h.mjs"]).message).toMatch(/port number/);
});
