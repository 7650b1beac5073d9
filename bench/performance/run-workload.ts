/**
 * Child-process entry of the performance side-by-side bench: runs ONE workload on ONE SDK in
 * a fresh process and prints its measurement as JSON on the last line of stdout.
 *   node --import tsx bench/performance/run-workload.ts <sdk-path> <workload> [args...]
 */
import { createRequire } from "node:module";
import {
  allocationsPerStep,
  freshSteps,
  mapOfSteps,
  replayChildren,
  replaySteps,
  type Measurement,
  type ReplayWarmth,
} from "./workloads";
import { emulatorMapOfWaits, runnerSteps } from "./runner-workloads";

const [sdkPath, workload, ...args] = process.argv.slice(2);
const sdk = createRequire(__filename)(sdkPath);
const num = (i: number) => Number(args[i]);

async function run(): Promise<Measurement> {
  switch (workload) {
    case "replay":
      return replaySteps(sdk, num(0), args[1], (args[2] as ReplayWarmth | undefined) ?? "warm");
    case "replay-children":
      return replayChildren(sdk, num(0), num(1), args[2]);
    case "fresh":
      return freshSteps(sdk, num(0), num(1), args[2] ? JSON.parse(args[2]) : undefined);
    case "alloc":
      return allocationsPerStep(sdk, num(0));
    case "map":
      return mapOfSteps(sdk, num(0), num(1), num(2));
    case "runner":
      return runnerSteps(sdkPath, args[0], num(1));
    case "emulator-map":
      return emulatorMapOfWaits(sdkPath, args[0], num(1));
    default:
      throw new Error(`unknown workload ${workload}`);
  }
}

run().then(
  (m) => {
    console.log(JSON.stringify(m));
    process.exit(0);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
