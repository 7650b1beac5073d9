/**
 * The types of ".", "./testing", "./otel" and "./eslint-plugin" resolve under every module resolution a consumer may use:
 * node10 (no `exports`; served by `typesVersions`), node16, nodenext and bundler. Needs
 * `npm run build`.
 */
import {
  assertTypesBuilt,
  createConsumerProject,
  type ConsumerProject,
  RESOLUTIONS,
  type ResolutionName,
} from "./consumer-project";

/** Uses values and types of both entries the way a handler and its test would. */
const CONSUMER = `
import {
  OperationSubType,
  withDurableExecution,
  type DurableContext,
  type DurableLambdaHandler,
} from "@aws/durable-execution-sdk-js";
import {
  LocalDurableTestRunner,
  OperationStatus,
  type DurableOperation,
  type TestResult,
} from "@aws/durable-execution-sdk-js/testing";

export const handler: DurableLambdaHandler = withDurableExecution(
  async (event: { n: number }, context: DurableContext) =>
    context.step("double", async () => event.n * 2),
);

export async function run(): Promise<DurableOperation[]> {
  const runner = new LocalDurableTestRunner<number>({ handlerFunction: handler });
  const result: TestResult<number> = await runner.run({ payload: { n: 1 } });
  const doubled: number | undefined = result.getResult();
  void doubled;
  return result
    .getOperations({ status: OperationStatus.SUCCEEDED })
    .filter((op) => op.getSubType() === OperationSubType.STEP);
}
`;

/** One deliberate type error that only a resolved "./testing" type can reveal. */
const BROKEN = `
import type { TestResult } from "@aws/durable-execution-sdk-js/testing";

export function eventCount(result: TestResult): string {
  return result.getHistoryEvents();
}
`;

/** Uses the optional entries: the OTel plugin in a handler and the lint plugin's config. */
const OPTIONAL_ENTRIES = `
import { withDurableExecution, type DurableLambdaHandler } from "@aws/durable-execution-sdk-js";
import {
  DurableIdGenerator,
  DurableOtelPlugin,
  executionTraceId,
  type DurableOtelPluginOptions,
} from "@aws/durable-execution-sdk-js/otel";
import durable, { configs, rules } from "@aws/durable-execution-sdk-js/eslint-plugin";

const options: DurableOtelPluginOptions = { mode: "invocation" };
export const handler: DurableLambdaHandler = withDurableExecution(async () => 1, {
  plugins: [new DurableOtelPlugin(options)],
});
export const ids: string = new DurableIdGenerator().generateSpanId() + executionTraceId("arn");
export const config = [durable.configs.recommended, configs.recommended];
export const ruleNames: string[] = Object.keys(rules);
`;

/** A type error only resolved "./otel" types can reveal. */
const BROKEN_OTEL = `
import { DurableOtelPlugin } from "@aws/durable-execution-sdk-js/otel";
export const plugin = new DurableOtelPlugin({ mode: "daily" });
`;

let project: ConsumerProject;

beforeAll(() => {
  assertTypesBuilt();
  project = createConsumerProject();
});

afterAll(() => project?.remove());

describe.each(Object.keys(RESOLUTIONS) as ResolutionName[])("moduleResolution %s", (resolution) => {
  test("a consumer importing both entries type-checks; a type error in it is reported", () => {
    const files: Record<string, string> = { "consumer.ts": CONSUMER, "broken.ts": BROKEN };
    // Under node16/nodenext an .mts file is an ES module consumer: check that one too.
    if (resolution === "node16" || resolution === "nodenext") files["consumer.mts"] = CONSUMER;
    const diagnostics = project.check(files, resolution);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatch(
      /^broken\.ts: TS2322 Type 'Event\[\]' is not assignable to type 'string'/,
    );
  });

  test("a consumer of ./otel and ./eslint-plugin type-checks; a wrong otel mode is reported", () => {
    const files: Record<string, string> = {
      "optional.ts": OPTIONAL_ENTRIES,
      "broken-otel.ts": BROKEN_OTEL,
    };
    if (resolution === "node16" || resolution === "nodenext")
      files["optional.mts"] = OPTIONAL_ENTRIES;
    const diagnostics = project.check(files, resolution);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatch(/^broken-otel\.ts: TS2322 Type '"daily"' is not assignable/);
  });
});
