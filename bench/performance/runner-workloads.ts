/**
 * Workloads on a testing package's `LocalDurableTestRunner` (ours, or the reference testing
 * package with the reference SDK it loads), time skipping on.
 */
import { createRequire } from "node:module";
import type { Measurement, Sdk } from "./workloads";

/** The real clock: the reference testing package fakes `performance` while it skips time. */
const realNow = performance.now.bind(performance);

/** The SDK a testing package itself loads (so `withDurableExecution` matches its runner). */
function sdkOf(sdkPath: string, testingPath: string): Sdk {
  if (testingPath.includes("reference-testing")) {
    return createRequire(testingPath + "/package.json")("@aws/durable-execution-sdk-js");
  }
  return createRequire(__filename)(sdkPath);
}

async function timedRun(
  sdkPath: string,
  testingPath: string,
  handlerOf: (sdk: Sdk) => unknown,
  check: (result: any) => void,
): Promise<Measurement> {
  const testing = createRequire(__filename)(testingPath);
  const sdk = sdkOf(sdkPath, testingPath);
  await testing.LocalDurableTestRunner.setupTestEnvironment({ skipTime: true });
  const runner = new testing.LocalDurableTestRunner({ handlerFunction: handlerOf(sdk) });
  const start = realNow();
  const result = await runner.run({ payload: {} });
  const ms = realNow() - start;
  check(result);
  const invocations = result.getInvocations?.().length;
  await testing.LocalDurableTestRunner.teardownTestEnvironment();
  return { ms, invocations };
}

/** `n` sequential steps in one `run()`. */
export function runnerSteps(sdkPath: string, testingPath: string, n: number) {
  return timedRun(
    sdkPath,
    testingPath,
    (sdk) =>
      sdk.withDurableExecution(async (_event: unknown, ctx: any) => {
        let total = 0;
        for (let i = 0; i < n; i++) total += await ctx.step(`s${i}`, async () => i);
        return total;
      }),
    (result) => {
      if (result.getResult() !== (n * (n - 1)) / 2) throw new Error("wrong result");
    },
  );
}

/** A map of `items` items that each wait one of 300 durations (1–300 s), no concurrency limit. */
export function emulatorMapOfWaits(sdkPath: string, testingPath: string, items: number) {
  return timedRun(
    sdkPath,
    testingPath,
    (sdk) =>
      sdk.withDurableExecution(async (_event: unknown, ctx: any) => {
        const list = Array.from({ length: items }, (_, i) => i);
        const result = await ctx.map("items", list, async (c: any, item: number) => {
          await c.wait({ seconds: 1 + ((item * 7919) % 300) });
          return item;
        });
        return result.getResults().length;
      }),
    (result) => {
      if (result.getResult() !== items) throw new Error(`wrong result ${result.getResult()}`);
    },
  );
}
