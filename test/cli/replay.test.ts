/** `run-durable run --record` and `run-durable replay`, spawned for real (needs `npm run build`). */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { withDurableExecution } from "../../src";
import {
  CloudDurableTestRunner,
  fetchRecentRecordings,
  startHttpService,
  type HttpServiceHandle,
} from "../../src/testing";
import { localLambdaEnv } from "../e2e/aws-env";
import { assertBuilt, FIXTURES, runCli } from "./run-cli";

beforeAll(() => assertBuilt());

const dir = mkdtempSync(path.join(tmpdir(), "replay-cli-"));
const recording = path.join(dir, "steps-4.json");

beforeAll(async () => {
  const run = await runCli([`${FIXTURES}/steps.mjs`, "--event", '{"n":4}', "--record", recording]);
  expect(run.code).toBe(0);
  expect(run.stdout).toContain(`Recording written to ${recording}`);
});

test("run --record saves a GetDurableExecutionHistory-shaped recording with input and result", () => {
  const saved = JSON.parse(readFileSync(recording, "utf8")) as {
    Events: {
      EventType: string;
      ExecutionStartedDetails?: unknown;
      ExecutionSucceededDetails?: unknown;
    }[];
  };
  expect(saved.Events[0]).toMatchObject({
    EventType: "ExecutionStarted",
    ExecutionStartedDetails: { Input: { Payload: '{"n":4}' } },
  });
  expect(saved.Events.at(-1)).toMatchObject({
    EventType: "ExecutionSucceeded",
    ExecutionSucceededDetails: {
      Result: { Payload: JSON.stringify({ doubled: 8, inner: 9, received: { n: 4 } }) },
    },
  });
});

test("replay --history: the same code verifies (exit 0)", async () => {
  const run = await runCli(["replay", `${FIXTURES}/steps.mjs`, "--history", recording]);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  expect(run.stdout).not.toContain("fixture done"); // the handler's logger is silent too
  expect(run.stdout).toContain(`against ${FIXTURES}/steps.mjs (export 'handler'), verify-only:`);
  expect(run.stdout).toMatch(
    /✓ .*steps-4\.json \(SUCCEEDED, 4 operations\): verified \(4 operations matched, outcome SUCCEEDED\)/,
  );
  expect(run.stdout).toContain("1 recording: 1 verified, 0 still running, 0 diverged");
});

test("replay --history DIR: changed code diverges (exit 1) with the operation's place", async () => {
  const run = await runCli(["replay", `${FIXTURES}/steps-renamed.mjs`, "--history", dir]);
  expect(run.code).toBe(1);
  expect(run.stdout).toContain(
    'diverged — mismatch at RunInChildContext "group" (3) > Step "inner" (3-1)',
  );
  expect(run.stdout).toContain(
    'the recording has STEP "inner" (subtype Step), but the new code calls STEP "inner-renamed" (subtype Step) (the name differs)',
  );
  expect(run.stdout).toContain("1 recording: 0 verified, 0 still running, 1 diverged");
});

test("replay needs exactly one source (exit 2)", async () => {
  const none = await runCli(["replay", `${FIXTURES}/steps.mjs`]);
  expect(none.code).toBe(2);
  expect(none.stderr).toContain("replay needs exactly one of '--history <file|dir>'");
  const last = await runCli(["replay", `${FIXTURES}/steps.mjs`, "--history", dir, "--last", "3"]);
  expect(last.code).toBe(2);
  expect(last.stderr).toContain("option '--last <n>' goes with '--function-name <name>'");
  const missing = await runCli(["replay", `${FIXTURES}/steps.mjs`, "--history", "nope.json"]);
  expect(missing.code).toBe(2);
  expect(missing.stderr).toContain("Recording not found: nope.json");
});

describe("replay --function-name / --execution-arn, fetched live over AWS_ENDPOINT_URL_LAMBDA", () => {
  let http: HttpServiceHandle;
  let client: LambdaClient;
  let arn: string;

  // The same operations as fixtures/steps.mjs, served by the embedded service in this process.
  const steps = withDurableExecution(async (event: { n: number }, context) => {
    const doubled = await context.step("double", async () => event.n * 2);
    await context.wait("nap", { seconds: 30 });
    const inner = await context.runInChildContext("group", (child) =>
      child.step("inner", async () => doubled + 1),
    );
    return { doubled, inner, received: event };
  });

  beforeAll(async () => {
    http = await startHttpService({
      serviceOptions: { skipTime: true },
      handlers: { steps },
      configureEnvironment: false,
    });
    client = new LambdaClient({
      endpoint: http.url,
      region: "us-east-1",
      credentials: { accessKeyId: "AKIDLOCALTEST", secretAccessKey: "local-secret" },
    });
    const runner = new CloudDurableTestRunner({
      functionName: "steps",
      client,
      config: { pollInterval: 10 },
    });
    expect((await runner.run({ payload: { n: 2 } })).getStatus()).toBe("SUCCEEDED");
    const [latest] = await fetchRecentRecordings("steps", 1, { client });
    arn = latest.durableExecutionArn!;
  });
  afterAll(async () => {
    client.destroy();
    await http.close();
  });

  test("--function-name F --last N verifies the fetched executions (exit 0)", async () => {
    const run = await runCli(
      ["replay", `${FIXTURES}/steps.mjs`, "--function-name", "steps", "--last", "5"],
      { env: localLambdaEnv(http.url) },
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`✓ ${arn} (SUCCEEDED, 4 operations): verified`);
    expect(run.stdout).toContain("1 recording: 1 verified, 0 still running, 0 diverged");
  });

  test("--execution-arn ARN against changed code diverges (exit 1)", async () => {
    const run = await runCli(["replay", `${FIXTURES}/steps-renamed.mjs`, "--execution-arn", arn], {
      env: localLambdaEnv(http.url),
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`✗ ${arn} (SUCCEEDED, 4 operations): diverged — mismatch`);
    expect(run.stdout).toContain(`  execution: ${arn}`);
  });
});
