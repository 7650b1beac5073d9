/**
 * run-durable's subcommands and features, through the real binary (needs `npm run build`):
 * invoke targets, reports of runs that fail or cannot finish, the -v trace, real-time
 * progress lines, --timeline and the `timeline` subcommand.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { withDurableExecution } from "../../src";
import { LocalDurableTestRunner } from "../../src/testing";
import { assertBuilt, cells, FIXTURES, runCli, trailingJson, treeLines } from "./run-cli";

let dir: string;
beforeAll(() => {
  assertBuilt();
  dir = mkdtempSync(path.join(tmpdir(), "run-durable-features-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("--function invoke targets", () => {
  test("a durable and a plain target run the handler's invokes; exit 0", async () => {
    const run = await runCli([
      "run",
      `${FIXTURES}/invoker.mjs`,
      "--function",
      `steps=${FIXTURES}/steps.mjs`,
      "--function",
      `pricer=${FIXTURES}/pricer.mjs:handler`,
    ]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`  steps (durable) ${FIXTURES}/steps.mjs#handler`);
    expect(run.stdout).toContain(`  pricer (plain) ${FIXTURES}/pricer.mjs#handler`);
    const tree = treeLines(run.stdout).map(cells);
    expect(tree.slice(1).map((c) => c.slice(0, 3))).toEqual([
      ["CHAINED_INVOKE", "call-steps", "SUCCEEDED"],
      ["CHAINED_INVOKE", "call-pricer", "SUCCEEDED"],
    ]);
    expect(trailingJson(run.stdout, "Result:")).toEqual({
      fromDurable: { doubled: 10, inner: 11, received: { n: 5 } },
      fromPlain: { total: 3 },
    });
  });

  test("an invoke of an unregistered function fails the run but still prints tree and history", async () => {
    const run = await runCli([`${FIXTURES}/invoker.mjs`, "--show-history"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^Error: No function found for function name steps/);
    const tree = treeLines(run.stdout).map(cells);
    expect(tree[1].slice(0, 3)).toEqual(["CHAINED_INVOKE", "call-steps", "FAILED"]);
    expect(run.stdout).toContain("Execution Status: did not finish");
    const history = run.stdout.slice(run.stdout.indexOf("History Events:"));
    expect(history).toMatch(/ExecutionStarted/);
    expect(history).toMatch(/ChainedInvokeStarted\s+ChainedInvoke\s+call-steps/);
    expect(history).toMatch(/ExecutionFailed/);
  });
});

test("an unanswered callback still prints the operations reached; exit 1", async () => {
  const run = await runCli([`${FIXTURES}/callbacks.mjs`]);
  expect(run.code).toBe(1);
  const tree = treeLines(run.stdout).map(cells);
  expect(tree[1].slice(0, 3)).toEqual(["CALLBACK", "token", "STARTED"]);
  expect(run.stdout).toContain("Execution Status: did not finish");
});

describe("-v trace", () => {
  const expectTrace = (stderr: string) => {
    const lines = stderr.split("\n");
    expect(lines[0]).toMatch(/^\[trace\] invocation #1 \(request [\w-]+\): first invocation$/);
    expect(lines).toContain('[trace]   execute STEP "flaky"');
    expect(lines).toContain('[trace]   attempt 1 of STEP "flaky" FAILED: attempt 1 failed');
    expect(stderr).toMatch(
      /\[trace\] {3}checkpoint 2 update\(s\), \d+ bytes: STEP "flaky" START, STEP "flaky" RETRY\n/,
    );
    expect(lines).toContain(
      '[trace]   suspend: nothing can run in this invocation; waiting for the retry of STEP "flaky"',
    );
    expect(lines).toContain("[trace] invocation #1 ended: PENDING");
    expect(stderr).toMatch(
      /\[trace\] invocation #2 \(request [\w-]+\): re-invocation: 1 recorded operation\(s\), changed by the service: STEP "flaky" READY/,
    );
    expect(lines).toContain('[trace]   resume STEP "flaky" (recorded READY)');
    expect(lines).toContain("[trace] invocation #3 ended: SUCCEEDED");
  };

  test("-v prints what the SDK decides to stderr; stdout is unchanged", async () => {
    const run = await runCli([`${FIXTURES}/retries.mjs`, "-v"]);
    expect(run.code).toBe(0);
    expectTrace(run.stderr);
    expect(run.stdout).not.toContain("[trace]");
  });

  test("DURABLE_VERBOSE_MODE=true turns it on too; without either there is none", async () => {
    const on = await runCli([`${FIXTURES}/retries.mjs`], {
      env: { DURABLE_VERBOSE_MODE: "true" },
    });
    expectTrace(on.stderr);
    const off = await runCli([`${FIXTURES}/retries.mjs`]);
    expect(off.stderr).toBe("");
  });

  test("finished operations recorded before an invocation are listed as replays", async () => {
    const run = await runCli([`${FIXTURES}/steps.mjs`, "-v"]);
    expect(run.stderr).toContain(
      '[trace]   replay when reached (finished: result taken from the record, code not run): STEP "double"',
    );
  });
});

test("--no-skip-time prints a progress line as each operation starts and ends", async () => {
  const run = await runCli([`${FIXTURES}/brief-wait.mjs`, "--no-skip-time"]);
  expect(run.code).toBe(0);
  const progress = run.stdout
    .split("\n")
    .filter((l) => l.startsWith("[+"))
    .map((l) => l.replace(/^\[\+[^\]]+\] /, "").replace(/ after \d+ms$/, ""));
  expect(progress).toEqual([
    "execution started",
    'step "before" started',
    'step "before" succeeded (attempt 1)',
    'wait "pause" started (for 1s)',
    "invocation ended",
    'wait "pause" succeeded',
    'step "after" started',
    'step "after" succeeded (attempt 1)',
    "invocation ended",
    "execution succeeded",
  ]);
});

describe("timelines", () => {
  test("--timeline writes a self-contained HTML page of the run", async () => {
    const out = path.join(dir, "retries.html");
    const run = await runCli([`${FIXTURES}/retries.mjs`, "--timeline", out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Timeline written to ${out}`);
    const html = readFileSync(out, "utf8");
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain("<svg");
    expect(html).not.toMatch(/<script[^>]+src=|<link|https?:\/\/(?!www\.w3\.org)/);
    expect(html.match(/class="seg attempt o-failed"/g)).toHaveLength(2);
    expect(html.match(/class="seg retry-delay o-succeeded"/g)).toHaveLength(2);
    expect(html.match(/data-invocation="/g)).toHaveLength(3);
  });

  test("a run that cannot finish still gets its timeline", async () => {
    const out = path.join(dir, "stuck.html");
    const run = await runCli([`${FIXTURES}/callbacks.mjs`, "--timeline", out]);
    expect(run.code).toBe(1);
    const html = readFileSync(out, "utf8");
    expect(html).toContain('class="status FAILED"');
    expect(html).toMatch(/class="seg callback o-running open"/);
  });

  test("`timeline` renders a saved history (ISO strings or epoch seconds)", async () => {
    let calls = 0;
    const handler = withDurableExecution(async (_event, context) =>
      context.step(
        "flaky",
        async () => {
          if (++calls < 2) throw new Error("first attempt fails");
          return "ok";
        },
        { retryStrategy: () => ({ shouldRetry: true, delay: { seconds: 5 } }) },
      ),
    );
    await LocalDurableTestRunner.setupTestEnvironment({ skipTime: true });
    let events: Array<Record<string, unknown>>;
    try {
      const result = await new LocalDurableTestRunner({ handlerFunction: handler }).run();
      events = JSON.parse(JSON.stringify(result.getHistoryEvents()));
    } finally {
      await LocalDurableTestRunner.teardownTestEnvironment();
    }
    const iso = path.join(dir, "history.json");
    writeFileSync(iso, JSON.stringify({ Events: events }));
    const run = await runCli(["timeline", iso]);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toBe(
      `Timeline of ${events.length} event(s) written to ${path.join(dir, "history.html")}\n`,
    );
    const fromIso = readFileSync(path.join(dir, "history.html"), "utf8");

    const epoch = path.join(dir, "epoch.json");
    const seconds = events.map((e) => ({
      ...e,
      EventTimestamp: Date.parse(e.EventTimestamp as string) / 1000,
    }));
    writeFileSync(
      epoch,
      JSON.stringify([{ Events: seconds.slice(0, 3) }, { Events: seconds.slice(3) }]),
    );
    const out = path.join(dir, "epoch-out.html");
    expect((await runCli(["timeline", epoch, "-o", out, "--title", "history"])).code).toBe(0);
    expect(readFileSync(out, "utf8")).toBe(fromIso);

    const bad = path.join(dir, "bad.json");
    writeFileSync(bad, '{"nope":1}');
    const failed = await runCli(["timeline", bad]);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toMatch(
      /^Error: Cannot read the history in .*bad\.json: not an execution history/,
    );
    expect(existsSync(path.join(dir, "bad.html"))).toBe(false);
  });
});
