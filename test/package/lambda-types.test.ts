/**
 * The history events and operations of "./testing" are the `@aws-sdk/client-lambda` types:
 * assignable to them and from them. Checked on the built declarations (needs `npm run build`).
 */
import { assertTypesBuilt, createConsumerProject, type ConsumerProject } from "./consumer-project";

const BOTH_WAYS = `
import type {
  Event as LambdaEvent,
  Operation as LambdaOperation,
} from "@aws-sdk/client-lambda";
import type {
  DurableOperation,
  Event,
  Operation,
  TestResult,
  WireOperation,
} from "@aws/durable-execution-sdk-js/testing";

type HistoryEvent = ReturnType<TestResult["getHistoryEvents"]>[number];
type HandleEvent = NonNullable<ReturnType<DurableOperation["getEvents"]>>[number];
type OperationData = NonNullable<ReturnType<DurableOperation["getOperationData"]>>;

declare const lambdaEvent: LambdaEvent;
declare const lambdaOperation: LambdaOperation;
declare const result: TestResult;
declare const handle: DurableOperation;

// From the testing API to the AWS SDK.
export const events: LambdaEvent[] = result.getHistoryEvents();
export const handleEvents: LambdaEvent[] | undefined = handle.getEvents();
export const data: LambdaOperation | undefined = handle.getOperationData();
export const exportedEvent: LambdaEvent = {} as Event;
export const exportedOperation: LambdaOperation = {} as Operation;

// From the AWS SDK to the testing API.
export const historyEvent: HistoryEvent = lambdaEvent;
export const handleEvent: HandleEvent = lambdaEvent;
export const operationData: OperationData = lambdaOperation;
export const event: Event = lambdaEvent;
export const operation: Operation = lambdaOperation;
export const wireOperation: WireOperation = lambdaOperation;
`;

/** Required members of the AWS SDK types stay required: leaving one out is an error. */
const MISSING_MEMBER = `
import type { Event } from "@aws/durable-execution-sdk-js/testing";

export const started: Event = {
  EventType: "ExecutionStarted",
  ExecutionStartedDetails: { ExecutionTimeout: 60 },
};
`;

let project: ConsumerProject;

beforeAll(() => {
  assertTypesBuilt();
  project = createConsumerProject();
});

afterAll(() => project?.remove());

test("events and operations are assignable to and from the @aws-sdk/client-lambda types", () => {
  const diagnostics = project.check(
    { "both-ways.ts": BOTH_WAYS, "missing-member.ts": MISSING_MEMBER },
    "bundler",
  );
  expect(diagnostics).toHaveLength(1);
  expect(diagnostics[0]).toMatch(/^missing-member\.ts: TS2741 Property 'Input' is missing/);
});
