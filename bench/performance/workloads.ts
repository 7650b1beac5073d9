/**
 * The side-by-side performance workloads, each run on one SDK (ours from `dist-cjs`, or the
 * reference installed outside the project) against the protocol-strict in-memory service of
 * the unit tests (`test/helpers/memory-client.ts`: it validates tokens and updates and applies
 * them like the embedded service), optionally behind a fixed latency per call.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { MemoryClient } from "../../test/helpers/memory-client";
import type { Operation } from "../../src/types/wire";
import { LatencyClient } from "./latency-client";

/** An SDK module: ours or the reference (same public API). */
export type Sdk = any;

/** What one workload measured. */
export interface Measurement {
  ms: number;
  calls?: number;
  usPerOp?: number;
  bytesPerOp?: number;
  invocations?: number;
  /** MD5 of the final operation state (the in-memory service's clock stands still). */
  stateDigest?: string;
}

const lambdaContext = { awsRequestId: "bench", getRemainingTimeInMillis: () => 900_000 };

function stepsHandler(sdk: Sdk, n: number, config?: object) {
  return sdk.withDurableExecution(async (_event: unknown, ctx: any) => {
    let total = 0;
    for (let i = 0; i < n; i++) total += await ctx.step(async () => i);
    return total;
  }, config);
}

function invoke(sdk: Sdk, handler: any, client: MemoryClient, transport = client as any) {
  return handler(
    new sdk.DurableExecutionInvocationInputWithClient(client.envelope(), transport),
    lambdaContext,
  );
}

/** A client whose operations are `operations` (a finished execution recorded earlier). */
export function clientWithState(operations: Operation[]): MemoryClient {
  const client = new MemoryClient();
  client.operations.clear();
  for (const op of operations) client.operations.set(op.Id, op);
  return client;
}

/** Records the finished state of `n` sequential steps (run with `sdk`), as wire operations. */
export function recordSteps(sdk: Sdk, n: number): Promise<Operation[]> {
  return record(sdk, stepsHandler(sdk, n));
}

/** Runs `handler` to the end in one invocation and returns its operations (wire form). */
async function record(sdk: Sdk, handler: any): Promise<Operation[]> {
  const client = new MemoryClient();
  const output = await invoke(sdk, handler, client);
  if (output.Status !== "SUCCEEDED") throw new Error(`recording ended ${output.Status}`);
  return [...client.operations.values()];
}

/** How warm the process is when a replay is measured. */
export type ReplayWarmth = "warm" | "cold" | "jit-warm";

/** Operations a `jit-warm` process replays before it is measured (V8 has optimized the SDK). */
const JIT_WARM_OPERATIONS = 20_000;

/**
 * Replays a finished execution of `n` steps (state read from `stateFile`) in one invocation,
 * `rounds` times after `warmup` untimed invocations; the median invocation is reported.
 * `warm`: 10 warm-up invocations (fewer for large N); `cold`: only the first invocation of
 * the process (the JIT has not seen the SDK run yet); `jit-warm`: warm-up invocations until
 * 20,000 operations have been replayed, so that every N is measured with the SDK optimized.
 */
export function replaySteps(
  sdk: Sdk,
  n: number,
  stateFile: string,
  warmth: ReplayWarmth = "warm",
): Promise<Measurement> {
  return replay(sdk, stepsHandler(sdk, n), n, stateFile, warmth);
}

/**
 * A handler running `children` child contexts of `steps` steps each, with a step after each
 * child: a child with a small result replays from its own record, so the replay never looks
 * up the operations inside it.
 */
function childrenHandler(sdk: Sdk, children: number, steps: number) {
  return sdk.withDurableExecution(async (_event: unknown, ctx: any) => {
    let total = 0;
    for (let c = 0; c < children; c++) {
      total += await ctx.runInChildContext(`child-${c}`, async (child: any) => {
        let sum = 0;
        for (let i = 0; i < steps; i++) sum += await child.step(async () => i);
        return sum;
      });
      total += await ctx.step(async () => 1);
    }
    return total;
  });
}

/** Operations in an execution of {@link childrenHandler}, the EXECUTION one left out. */
const childrenOperations = (children: number, steps: number) => children * (steps + 2);

/** Records the finished state of {@link childrenHandler} (run with `sdk`), as wire operations. */
export function recordChildren(sdk: Sdk, children: number, steps: number): Promise<Operation[]> {
  return record(sdk, childrenHandler(sdk, children, steps));
}

/** Like {@link replaySteps}, for the execution {@link recordChildren} recorded (µs per operation). */
export function replayChildren(
  sdk: Sdk,
  children: number,
  steps: number,
  stateFile: string,
): Promise<Measurement> {
  const handler = childrenHandler(sdk, children, steps);
  return replay(sdk, handler, childrenOperations(children, steps), stateFile, "warm");
}

async function replay(
  sdk: Sdk,
  handler: any,
  n: number,
  stateFile: string,
  warmth: ReplayWarmth,
): Promise<Measurement> {
  const client = clientWithState(JSON.parse(readFileSync(stateFile, "utf8")));
  const cold = warmth === "cold";
  const standardWarmup = cold ? 0 : n <= 1000 ? 10 : n <= 10_000 ? 3 : 1;
  const warmup =
    warmth === "jit-warm"
      ? Math.max(standardWarmup, Math.ceil(JIT_WARM_OPERATIONS / n))
      : standardWarmup;
  const rounds = cold ? 1 : n <= 1000 ? 31 : n <= 10_000 ? 7 : 3;
  const times: number[] = [];
  for (let i = 0; i < warmup + rounds; i++) {
    const input = new sdk.DurableExecutionInvocationInputWithClient(client.envelope(), client);
    const start = performance.now();
    const output = await handler(input, lambdaContext);
    const ms = performance.now() - start;
    if (output.Status !== "SUCCEEDED") throw new Error(`replay ended ${output.Status}`);
    if (i >= warmup) times.push(ms);
  }
  if (client.requests.length > 0) throw new Error("replay sent checkpoints");
  const ms = median(times);
  return { ms, usPerOp: (ms * 1000) / n };
}

/** One fresh execution of `n` sequential steps; `latencyMs` per checkpoint call. */
export async function freshSteps(
  sdk: Sdk,
  n: number,
  latencyMs: number,
  config?: object,
): Promise<Measurement> {
  await runFresh(sdk, 200, 0, config); // warm-up
  return runFresh(sdk, n, latencyMs, config);
}

async function runFresh(sdk: Sdk, n: number, latencyMs: number, config?: object) {
  const client = new MemoryClient();
  const transport = new LatencyClient(client, latencyMs);
  const handler = stepsHandler(sdk, n, config);
  const start = performance.now();
  const output = await invoke(sdk, handler, client, transport);
  const ms = performance.now() - start;
  if (output.Status !== "SUCCEEDED") throw new Error(`fresh run ended ${output.Status}`);
  const stateDigest = createHash("md5")
    .update(JSON.stringify([...client.operations.values()]))
    .digest("hex");
  return { ms, calls: transport.calls, usPerOp: (ms * 1000) / n, stateDigest };
}

/** Bytes allocated per step of a fresh `n`-step execution (V8 sampling heap profiler). */
export async function allocationsPerStep(sdk: Sdk, n: number): Promise<Measurement> {
  await runFresh(sdk, 200, 0);
  const session = new Session();
  session.connect();
  await session.post("HeapProfiler.enable");
  await session.post("HeapProfiler.startSampling", {
    samplingInterval: 512,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  const run = await runFresh(sdk, n, 0);
  const { profile } = await session.post("HeapProfiler.stopSampling");
  session.disconnect();
  let bytes = 0;
  const walk = (node: { selfSize: number; children: any[] }) => {
    bytes += node.selfSize;
    node.children.forEach(walk);
  };
  walk(profile.head);
  return { ...run, bytesPerOp: bytes / n };
}

/** A map of `items` items (each one step), `concurrency` at a time, `latencyMs` per call. */
export async function mapOfSteps(
  sdk: Sdk,
  items: number,
  concurrency: number,
  latencyMs: number,
): Promise<Measurement> {
  const handler = sdk.withDurableExecution(async (_event: unknown, ctx: any) => {
    const list = Array.from({ length: items }, (_, i) => i);
    const result = await ctx.map(
      "items",
      list,
      async (c: any, item: number) => c.step(async () => item * 2),
      { maxConcurrency: concurrency },
    );
    return result.getResults().length;
  });
  const client = new MemoryClient();
  const transport = new LatencyClient(client, latencyMs);
  const start = performance.now();
  const output = await invoke(sdk, handler, client, transport);
  const ms = performance.now() - start;
  if (output.Status !== "SUCCEEDED") throw new Error(`map ended ${output.Status}`);
  return { ms, calls: transport.calls };
}

/** The median of a list of numbers. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
