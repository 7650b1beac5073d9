/**
 * Cold start of a minimal handler, side by side: each SDK is bundled the way users deploy to
 * Lambda (esbuild, CJS, minified, `@aws-sdk/*` external, the package resolved through its
 * `exports` like any dependency), then fresh Node processes measure the `require` time of the
 * bundle and the duration of its first invocation (against an in-memory checkpoint client).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { build } from "esbuild";
import { median } from "./workloads";

const ROOT = path.resolve(__dirname, "..", "..");
// Outside the repository: inside it, the package name would resolve to this repository itself
// (package self-reference) whatever node_modules says.
const DIR = path.join(tmpdir(), "durable-sdk-cold-start");

/** What the cold start of one SDK's bundle measured (medians over fresh processes). */
export interface ColdStart {
  bytes: number;
  requireMs: number;
  firstInvocationMs: number;
}

const HANDLER = `
import { withDurableExecution } from "@aws/durable-execution-sdk-js";
export const handler = withDurableExecution(async (event, context) => {
  const greeting = await context.step("greet", async () => "hello " + event.name);
  return greeting;
});
`;

// Runs in a fresh process: require the bundle, then invoke it once with an in-memory client
// (duck-typed the way both SDKs recognise an invocation input that carries its client).
const PROBE = `
const t0 = process.hrtime.bigint();
const { handler } = require(process.argv[2]);
const t1 = process.hrtime.bigint();
class DurableExecutionInvocationInputWithClient {
  constructor(params, client) { Object.assign(this, params); this.durableExecutionClient = client; }
  get [Symbol.toStringTag]() { return "DurableExecutionInvocationInputWithClient"; }
}
let seq = 0;
const client = {
  async getExecutionState() { return { Operations: [] }; },
  async checkpoint(req) {
    const ops = (req.Updates || []).map((u) => ({ Id: u.Id, Type: u.Type, SubType: u.SubType, Name: u.Name,
      Status: u.Action === "START" ? "STARTED" : u.Action === "SUCCEED" ? "SUCCEEDED" : "FAILED",
      StepDetails: u.Action === "SUCCEED" ? { Attempt: 1, Result: u.Payload } : undefined }));
    return { CheckpointToken: "t" + ++seq, NewExecutionState: { Operations: ops } };
  },
};
const input = new DurableExecutionInvocationInputWithClient({
  DurableExecutionArn: "arn:aws:lambda:us-east-1:123456789012:function:f:$LATEST/durable-execution/n/id",
  CheckpointToken: "t0",
  InitialExecutionState: { Operations: [{ Id: "exec", Type: "EXECUTION", Status: "STARTED",
    ExecutionDetails: { InputPayload: JSON.stringify({ name: "cold" }) } }] },
}, client);
handler(input, { awsRequestId: "r", getRemainingTimeInMillis: () => 900000 }).then((out) => {
  const t2 = process.hrtime.bigint();
  if (out.Status !== "SUCCEEDED") throw new Error("first invocation ended " + out.Status);
  console.log(JSON.stringify({ requireMs: Number(t1 - t0) / 1e6, firstInvocationMs: Number(t2 - t1) / 1e6 }));
});
`;

/** Bundles the minimal handler against the package at `packageDir` and measures it `runs` times. */
export async function measureColdStart(
  label: string,
  packageDir: string,
  runs: number,
): Promise<ColdStart> {
  const dir = path.join(DIR, label);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, "node_modules", "@aws"), { recursive: true });
  symlinkSync(packageDir, path.join(dir, "node_modules", "@aws", "durable-execution-sdk-js"));
  // The Lambda runtime provides @aws-sdk/*: here it is this repository's copy.
  symlinkSync(
    path.join(ROOT, "node_modules", "@aws-sdk"),
    path.join(dir, "node_modules", "@aws-sdk"),
  );
  writeFileSync(path.join(dir, "handler.mjs"), HANDLER);
  writeFileSync(path.join(DIR, "probe.cjs"), PROBE);
  const outfile = path.join(dir, "bundle.cjs");
  await build({
    entryPoints: [path.join(dir, "handler.mjs")],
    outfile,
    bundle: true,
    minify: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    external: ["@aws-sdk/*"],
    logLevel: "silent",
    preserveSymlinks: false,
  });
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const probe = spawnSync(process.execPath, [path.join(DIR, "probe.cjs"), outfile], {
      encoding: "utf8",
      cwd: dir,
    });
    if (probe.status !== 0) throw new Error(`${label} cold start failed:\n${probe.stderr}`);
    samples.push(JSON.parse(probe.stdout.trim().split("\n").pop()!));
  }
  return {
    bytes: statSync(outfile).size,
    requireMs: median(samples.map((s) => s.requireMs)),
    firstInvocationMs: median(samples.map((s) => s.firstInvocationMs)),
  };
}
