/**
 * Issue 14: performance side by side with the reference SDK 2.4.0 (and its testing package
 * 1.1.4), which are never dependencies of this project: install them OUTSIDE the project and
 * point the environment at them, e.g.
 *   mkdir -p /tmp/ref && cd /tmp/ref && npm init -y && npm install \
 *     reference-sdk@npm:@aws/durable-execution-sdk-js@2.4.0 \
 *     reference-testing@npm:@aws/durable-execution-sdk-js-testing@1.1.4
 *   npm run build
 *   REFERENCE_SDK=/tmp/ref/node_modules/reference-sdk \
 *   REFERENCE_TESTING=/tmp/ref/node_modules/reference-testing \
 *     npx tsx bench/performance-side-by-side.bench.ts [--quick]
 * Ours is measured from this repository's build (`dist-cjs`). Every workload runs in fresh
 * Node processes (bench/performance/run-workload.ts), three rounds per SDK, and the table
 * prints medians and the ratio ours / reference (lower is better).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { measureColdStart } from "./performance/cold-start";
import { median, recordChildren, recordSteps, type Measurement } from "./performance/workloads";

const ROOT = path.resolve(__dirname, "..");
const OURS = path.join(ROOT, "dist-cjs", "index.js");
const OURS_TESTING = path.join(ROOT, "dist-cjs", "testing.js");
const REFERENCE = process.env.REFERENCE_SDK;
const REFERENCE_TESTING = process.env.REFERENCE_TESTING;
const QUICK = process.argv.includes("--quick");
const ROUNDS = QUICK ? 1 : 3;
const STATE_DIR = path.join(ROOT, ".tmp", "perf");

/** Pipelined checkpoints (issue 14.4): at-least-once steps do not wait for their SUCCEED ack. */
const PIPELINED = JSON.stringify({ checkpointMode: "pipelined" });

type NumericField = Exclude<keyof Measurement, "stateDigest">;

interface Row {
  workload: string;
  unit: string;
  ours: number;
  reference?: number;
  note?: string;
}

function runWorkload(sdk: string, args: string[]): Measurement {
  const child = spawnSync(
    process.execPath,
    ["--import", "tsx", path.join(__dirname, "performance", "run-workload.ts"), sdk, ...args],
    { encoding: "utf8", cwd: ROOT, maxBuffer: 64 * 1024 * 1024 },
  );
  if (child.status !== 0) throw new Error(`${args.join(" ")} on ${sdk} failed:\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split("\n").pop()!);
}

/** Median over ROUNDS fresh processes of one field of a workload's measurement. */
function measure(sdk: string, args: string[], field: NumericField): number {
  const values: number[] = [];
  for (let round = 0; round < ROUNDS; round++) values.push(runWorkload(sdk, args)[field]!);
  return median(values);
}

function sideBySide(
  workload: string,
  unit: string,
  args: string[],
  field: NumericField,
  options: { reference?: boolean; oursArgs?: string[] } = {},
): Row {
  const ours = measure(OURS, options.oursArgs ?? args, field);
  const reference = options.reference === false ? undefined : measure(REFERENCE!, args, field);
  return { workload, unit, ours, reference };
}

/** The operations `record` returns, saved once under `.tmp/perf/<name>.json`; the file's path. */
async function recordedState(name: string, record: () => Promise<unknown>): Promise<string> {
  const file = path.join(STATE_DIR, `${name}.json`);
  if (!existsSync(file)) {
    mkdirSync(STATE_DIR, { recursive: true });
    writeFileSync(file, JSON.stringify(await record()));
  }
  return file;
}

const replayState = (n: number) =>
  recordedState(`replay-${n}`, () => recordSteps(require(OURS), n));

/** An execution of `children` child contexts of `steps` steps each (see `recordChildren`). */
const childrenState = (children: number, steps: number) =>
  recordedState(`replay-children-${children}x${steps}`, () =>
    recordChildren(require(OURS), children, steps),
  );

function print(rows: Row[]): void {
  const fmt = (v: number | undefined) =>
    v === undefined ? "—" : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
  console.log(
    `\n| workload | unit | ours | reference | ours / reference |\n|---|---|---:|---:|---:|`,
  );
  for (const r of rows) {
    const ratio = r.reference ? `${(r.ours / r.reference).toFixed(2)}x` : "—";
    console.log(
      `| ${r.workload}${r.note ? ` (${r.note})` : ""} | ${r.unit} | ${fmt(r.ours)} | ${fmt(r.reference)} | ${ratio} |`,
    );
  }
}

async function main(): Promise<void> {
  if (!REFERENCE) {
    console.log("REFERENCE_SDK is not set: see the header of this file.");
    return;
  }
  if (!existsSync(OURS)) throw new Error("dist-cjs is missing: run `npm run build` first.");
  const rows: Row[] = [];
  const add = (row: Row) => {
    rows.push(row);
    console.log(JSON.stringify(row));
  };

  for (const n of QUICK ? [10, 100, 1000] : [10, 100, 1000, 10_000]) {
    const state = await replayState(n);
    add(
      sideBySide(`replay ${n} finished steps, warm`, "µs/op", ["replay", `${n}`, state], "usPerOp"),
    );
  }
  if (!QUICK) {
    const state = await replayState(100_000);
    add(
      sideBySide(
        "replay 100,000 finished steps, warm",
        "µs/op",
        ["replay", "100000", state],
        "usPerOp",
        {
          reference: false,
        },
      ),
    );
  }
  // Child contexts with small results replay from their own records: the replay skips the
  // operations inside them.
  const [children, steps] = QUICK ? [100, 5] : [1000, 5];
  add(
    sideBySide(
      `replay ${children} child contexts of ${steps} steps, a step after each`,
      "µs/op",
      ["replay-children", `${children}`, `${steps}`, await childrenState(children, steps)],
      "usPerOp",
    ),
  );
  // The same replays with the JIT warm (after 20,000 replayed operations): what is left of the
  // spread between N above is V8 optimizing the SDK, not work the SDK does per invocation.
  for (const n of QUICK ? [10, 1000] : [10, 100, 1000]) {
    const state = await replayState(n);
    add(
      sideBySide(
        `replay ${n} finished steps, JIT-warm`,
        "µs/op",
        ["replay", `${n}`, state, "jit-warm"],
        "usPerOp",
      ),
    );
  }
  const state100 = await replayState(100);
  add(
    sideBySide(
      "replay 100 finished steps, first invocation of the process",
      "µs/op",
      ["replay", "100", state100, "cold"],
      "usPerOp",
    ),
  );

  const cold = { ours: [] as number[][], reference: [] as number[][] };
  for (let round = 0; round < ROUNDS; round++) {
    const o = await measureColdStart("ours", ROOT, 7);
    const r = await measureColdStart("reference", REFERENCE, 7);
    cold.ours.push([o.bytes, o.requireMs, o.firstInvocationMs]);
    cold.reference.push([r.bytes, r.requireMs, r.firstInvocationMs]);
  }
  const coldRow = (i: number, workload: string, unit: string): Row => ({
    workload,
    unit,
    ours: median(cold.ours.map((v) => v[i])),
    reference: median(cold.reference.map((v) => v[i])),
  });
  add(coldRow(0, "cold start: minified CJS bundle, @aws-sdk/* external", "KB"));
  rows[rows.length - 1].ours /= 1000;
  rows[rows.length - 1].reference! /= 1000;
  add(coldRow(1, "cold start: require of the bundle", "ms"));
  add(coldRow(2, "cold start: first invocation", "ms"));

  add(
    sideBySide("fresh 10,000 sequential steps, 0 ms latency", "ms", ["fresh", "10000", "0"], "ms"),
  );
  add(
    sideBySide(
      "allocations per step, fresh 10,000 steps",
      "bytes",
      ["alloc", "10000"],
      "bytesPerOp",
    ),
  );
  add(sideBySide("fresh 1,000 sequential steps, 5 ms latency", "ms", ["fresh", "1000", "5"], "ms"));
  add(
    sideBySide(
      "fresh 1,000 sequential steps, 5 ms latency, ours pipelined",
      "ms",
      ["fresh", "1000", "5"],
      "ms",
      { oursArgs: ["fresh", "1000", "5", PIPELINED] },
    ),
  );
  const acknowledgedState = runWorkload(OURS, ["fresh", "1000", "0"]).stateDigest;
  const pipelinedState = runWorkload(OURS, ["fresh", "1000", "0", PIPELINED]).stateDigest;
  const referenceState = runWorkload(REFERENCE, ["fresh", "1000", "0"]).stateDigest;
  console.log(
    `final operation state of 1,000 steps: pipelined ${pipelinedState === acknowledgedState ? "identical to" : "DIFFERS from"} acknowledged; ours ${acknowledgedState === referenceState ? "identical to" : "DIFFERS from"} the reference`,
  );
  if (pipelinedState !== acknowledgedState) process.exitCode = 1;
  add(
    sideBySide(
      "map of 1,000 steps, concurrency 10, 5 ms latency",
      "ms",
      ["map", "1000", "10", "5"],
      "ms",
    ),
  );
  if (REFERENCE_TESTING) {
    const ours = measure(OURS, ["runner", OURS_TESTING, "1000"], "ms");
    const reference = measure(REFERENCE, ["runner", REFERENCE_TESTING, "1000"], "ms");
    add({
      workload: "LocalDurableTestRunner, 1,000 steps, skip time",
      unit: "ms",
      ours,
      reference,
    });
  }
  const items = QUICK ? 300 : 2000;
  const emulator = runWorkload(OURS, ["emulator-map", OURS_TESTING, `${items}`]);
  add({
    workload: `embedded service: map of ${items} items, each waiting one of 300 durations`,
    unit: "ms",
    ours: emulator.ms,
    note: `${emulator.invocations} invocations`,
  });
  print(rows);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
