/**
 * `run-durable serve` in process (src/cli; "cli-src" project, which loads the .mjs fixtures): handler files and `--function` targets are served
 * over HTTP, progress lines are printed as executions run, and the command returns 0 once told
 * to stop (the `until` promise stands in for Ctrl-C).
 */
import { parseArgs } from "../../../src/cli/args";
import { serveCommand } from "../../../src/cli/serve-command";
import { FIXTURES, ROOT } from "../cli-output";

test("serves handler files and function targets until stopped; prints progress lines", async () => {
  const options = parseArgs([
    "serve",
    `${FIXTURES}/commonjs.cjs`,
    "--function",
    `pricer=${FIXTURES}/pricer.mjs`,
    "--port",
    "0",
  ]);
  const lines: string[] = [];
  let stop!: () => void;
  const until = new Promise<void>((resolve) => (stop = resolve));
  let listening!: (url: string) => void;
  const url = new Promise<string>((resolve) => (listening = resolve));
  const print = (line = "") => {
    lines.push(line);
    const match = /(http:\/\/127\.0\.0\.1:\d+)/.exec(line);
    if (match) listening(match[1]);
  };
  const err: string[] = [];
  const served = serveCommand(
    options,
    { out: (t) => lines.push(t), err: (t) => err.push(t), cwd: ROOT },
    print,
    until,
  );
  // (a failing command rejects here instead of leaving the test waiting for its banner)
  const base = await Promise.race([url, served.then((code) => Promise.reject(code))]);
  const invoke = await fetch(`${base}/2015-03-31/functions/commonjs/invocations`, {
    method: "POST",
    headers: { "X-Amz-Durable-Execution-Name": "served-in-process" },
    body: JSON.stringify({ hello: "there" }),
  });
  expect(invoke.status).toBe(200);
  expect(await invoke.json()).toEqual({ echoed: { hello: "there" }, format: "cjs" });
  stop();
  expect(await served).toBe(0);
  expect(lines[0]).toBe("Serving 2 function(s) (skip time: false):");
  expect(lines.join("\n")).toMatch(/\[served-in-process \+\S+\] step "echo" succeeded/);
  expect(err).toEqual([]);
});
