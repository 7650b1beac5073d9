/** The argument parser of run-durable (node:util parseArgs, subcommands, older forms). */
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
    command: "run",
    file: "h.mjs",
    files: ["h.mjs"],
    functions: [],
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

test("subcommands: `run <file>` is the default form; `serve` takes files; `timeline` a history", () => {
  expect(parseArgs(["run", "h.mjs", "--show-history"])).toMatchObject({
    command: "run",
    file: "h.mjs",
    showHistory: true,
  });
  expect(parseArgs(["serve", "a.mjs", "b.mjs", "--port", "0"])).toMatchObject({
    command: "serve",
    files: ["a.mjs", "b.mjs"],
    serve: 0,
    skipTime: false,
  });
  expect(parseArgs(["serve", "a.mjs"]).serve).toBe(DEFAULT_SERVE_PORT);
  expect(parseArgs(["serve", "a.mjs", "--skip-time"]).skipTime).toBe(true);
  expect(parseArgs(["timeline", "h.json", "-o", "out.html", "--title", "t"])).toMatchObject({
    command: "timeline",
    files: ["h.json"],
    timeline: "out.html",
    title: "t",
  });
  expect(parseArgs(["run", "h.mjs", "--timeline", "t.html"]).timeline).toBe("t.html");
  // A file literally named like a subcommand still runs with `run`.
  expect(parseArgs(["run", "serve"]).file).toBe("serve");
});

test("options belong to their subcommand; each has its own missing-argument message", () => {
  expect(error(["serve", "a.mjs", "--event", "{}"]).message).toMatch(
    /^error: unknown option '--event'/,
  );
  expect(error(["timeline", "a.json", "--show-history"]).message).toMatch(/unknown option/);
  expect(error(["serve"]).message).toMatch(/^error: missing required argument 'file'/);
  expect(error(["timeline"]).message).toMatch(/^error: missing required argument 'history'/);
  expect(error(["timeline", "a.json", "b.json"]).message).toMatch(/expected one history file/);
  expect(error(["serve", "a.mjs", "--port", "x"]).message).toMatch(/port number/);
  expect(parseArgs(["serve", "--help"]).help).toBe(true);
});

test("--function NAME=FILE[:EXPORT] is repeatable", () => {
  const o = parseArgs([
    "h.mjs",
    "--function",
    "pricer=lib/pricer.mjs",
    "--function=mailer=lib/mail.ts:send",
    "--function",
    "win=C:\\fns\\w.mjs",
  ]);
  expect(o.functions).toEqual([
    { name: "pricer", file: "lib/pricer.mjs" },
    { name: "mailer", file: "lib/mail.ts", exportName: "send" },
    { name: "win", file: "C:\\fns\\w.mjs" },
  ]);
  expect(error(["h.mjs", "--function", "pricer"]).message).toMatch(
    /^error: option '--function <name=file\[:export\]>' expects NAME=FILE\[:EXPORT\]/,
  );
  expect(error(["h.mjs", "--function", "=x.mjs"]).exitCode).toBe(2);
});
