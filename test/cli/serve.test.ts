/** `run-durable --serve`: after the run, the embedded service answers the Lambda REST API. */
import { spawn, type ChildProcess } from "node:child_process";
import { assertBuilt, BIN, FIXTURES, ROOT } from "./run-cli";

let child: ChildProcess | undefined;

afterEach(() => {
  child?.kill("SIGTERM");
  child = undefined;
});

function waitForEndpoint(proc: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`no endpoint printed:\n${output}`)), 15_000);
    proc.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    proc.on("exit", (code) => reject(new Error(`exited with ${code} before serving:\n${output}`)));
  });
}

test("--serve keeps the service listening and runs the handler through the Invoke path", async () => {
  assertBuilt();
  child = spawn(process.execPath, [BIN, `${FIXTURES}/steps.mjs`, "--serve", "0"], { cwd: ROOT });
  const url = await waitForEndpoint(child);

  const invoke = await fetch(`${url}/2015-03-31/functions/steps/invocations`, {
    method: "POST",
    headers: {
      "X-Amz-Invocation-Type": "RequestResponse",
      "X-Amz-Durable-Execution-Name": "served-1",
    },
    body: JSON.stringify({ n: 4 }),
  });
  expect(invoke.status).toBe(200);
  expect(await invoke.json()).toMatchObject({ doubled: 8, inner: 9 });
  const arn = invoke.headers.get("x-amz-durable-execution-arn")!;
  expect(arn).toMatch(/:function:steps:\$LATEST\/durable-execution\/served-1\//);

  const history = await fetch(
    `${url}/2025-12-01/durable-executions/${encodeURIComponent(arn)}/history`,
  );
  const events = ((await history.json()) as { Events: { EventType: string }[] }).Events;
  expect(events[0].EventType).toBe("ExecutionStarted");
  expect(events.at(-1)!.EventType).toBe("ExecutionSucceeded");

  const list = await fetch(`${url}/2025-12-01/functions/steps/durable-executions`);
  const listed = (await list.json()) as { DurableExecutions: { DurableExecutionName: string }[] };
  expect(listed.DurableExecutions.map((e) => e.DurableExecutionName)).toContain("served-1");
});

test("`serve` exposes several files (durable and plain) and prints progress lines", async () => {
  assertBuilt();
  child = spawn(
    process.execPath,
    [BIN, "serve", `${FIXTURES}/steps.mjs`, `${FIXTURES}/pricer.mjs`, "--skip-time", "--port", "0"],
    { cwd: ROOT },
  );
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const url = await waitForEndpoint(child);
  expect(output).toContain(`  steps (durable) ${FIXTURES}/steps.mjs#handler`);
  expect(output).toContain(`  pricer (plain) ${FIXTURES}/pricer.mjs#handler`);

  const plain = await fetch(`${url}/2015-03-31/functions/pricer/invocations`, {
    method: "POST",
    body: JSON.stringify({ items: [4, 5] }),
  });
  expect(await plain.json()).toEqual({ total: 9 });

  const durable = await fetch(`${url}/2015-03-31/functions/steps/invocations`, {
    method: "POST",
    headers: { "X-Amz-Durable-Execution-Name": "progress-1" },
    body: JSON.stringify({ n: 1 }),
  });
  expect(await durable.json()).toMatchObject({ doubled: 2, inner: 3 });
  const lines = output.split("\n").filter((l) => l.startsWith("[progress-1 "));
  expect(lines.map((l) => l.replace(/^\[progress-1 \+[^\]]+\] /, ""))).toEqual(
    expect.arrayContaining([
      "execution started",
      'step "double" started',
      'wait "nap" started (for 30s)',
      'wait "nap" succeeded',
      "execution succeeded",
    ]),
  );
});
