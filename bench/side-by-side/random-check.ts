import { compareExecutions, describeDifference, type Likeness } from "./compare-executions";
import { runExecution, type ExecutionRecord } from "./execution-driver";
import { buildHandler, generateWorkflow } from "./random-workflow";

/** Options of one randomized side-by-side run. */
export interface RandomCheckOptions {
  /** First seed; workflow `i` uses seed `firstSeed + i`. */
  firstSeed: number;
  count: number;
  /** Print the generated workflow of each failing seed. */
  verbose: boolean;
}

/**
 * Runs `count` generated workflows four ways — reference only, ours only, and handed back
 * and forth between the SDKs at every suspension starting with either — and compares each
 * run with the reference-only run. Returns the number of seeds that were not identical.
 */
export async function runRandomCheck(
  ours: unknown,
  ref: unknown,
  options: RandomCheckOptions,
): Promise<number> {
  // Un-awaited operations that fail reject promises nobody observes; that is expected here.
  process.on("unhandledRejection", () => undefined);
  const tally: Record<Likeness, number> = {
    identical: 0,
    "same-per-operation": 0,
    different: 0,
  };
  let referenceHung = 0;
  const failing: number[] = [];
  const started = performance.now();
  for (let i = 0; i < options.count; i++) {
    const seed = options.firstSeed + i;
    const workflow = generateWorkflow(seed);
    const make = (sdk: any) => buildHandler(workflow, sdk);
    const reference = await runExecution([ref], make);
    const alone = await runExecution([ours], make);
    if (reference.outputs.some((o: any) => o.Status === "HUNG")) {
      // A known reference defect: once it has dropped an update under a finished context it
      // can never suspend again in that invocation. Nothing to compare against.
      referenceHung++;
      const oursDone = (alone.outputs.at(-1) as any)?.Status;
      console.log(`REFERENCE HUNG seed ${seed} (ours ended ${oursDone})`);
      continue;
    }
    const runs: Array<[string, ExecutionRecord]> = [
      ["ref", reference],
      ["ours", alone],
      ["ours→ref", await runExecution([ours, ref], make)],
      ["ref→ours", await runExecution([ref, ours], make)],
    ];
    let worst: Likeness = "identical";
    const report: string[] = [];
    for (const [label, record] of runs.slice(1)) {
      const likeness = compareExecutions(record, reference);
      if (likeness === "different") {
        worst = "different";
        report.push(` ${label} vs ref:`, ...describeDifference(label, record, "ref", reference));
      } else if (likeness === "same-per-operation" && worst === "identical") {
        worst = likeness;
      }
    }
    tally[worst]++;
    if (worst === "different") {
      failing.push(seed);
      console.log(`DIFF seed ${seed}`);
      for (const line of report.slice(0, 24)) console.log(line);
      if (options.verbose) console.log(` workflow: ${JSON.stringify(workflow)}`);
    }
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `random workflows (seeds ${options.firstSeed}..${options.firstSeed + options.count - 1}, ${seconds} s): ` +
      `${tally.identical} of ${options.count} identical to the reference (also when handed across SDKs), ` +
      `${tally["same-per-operation"]} same per operation but batched differently, ${tally.different} different, ` +
      `${referenceHung} where the reference hung (not compared)`,
  );
  if (failing.length > 0) {
    console.log(
      `failing seeds: ${failing.join(" ")} (reproduce one: --random 1 --seed <seed> --verbose)`,
    );
  }
  return failing.length;
}
