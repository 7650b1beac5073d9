/** How batch results are stored and read back: error records, cause chains, summaries. */
import { ChildContextError, StepError } from "../../src";
import { BatchResultImpl } from "../../src/operations/concurrency/batch-result";
import {
  errorToRecord,
  readRecordedBatch,
  recordToError,
  summarizeBatch,
  toBatchResult,
  type BatchErrorRecord,
} from "../../src/operations/concurrency/batch-serdes";
import { BatchItemStatus, type BatchResult } from "../../src/types/batch";

/** An Error with `depth` causes below it: "e0" → "e1" → … */
function chain(depth: number): Error {
  let error = new Error(`e${depth}`);
  for (let n = depth - 1; n >= 0; n--) error = new Error(`e${n}`, { cause: error });
  return error;
}

/** A record with `depth` causes below it. */
function recordChain(depth: number): BatchErrorRecord {
  let record: BatchErrorRecord = { ErrorType: "Error", ErrorMessage: `e${depth}` };
  for (let n = depth - 1; n >= 0; n--) {
    record = { ErrorType: "Error", ErrorMessage: `e${n}`, Cause: record };
  }
  return record;
}

function recordDepth(record: BatchErrorRecord | undefined): number {
  let depth = 0;
  for (let r = record; r; r = r.Cause) depth++;
  return depth;
}

function errorDepth(error: unknown): number {
  let depth = 0;
  for (let e = error; e instanceof Error; e = e.cause) depth++;
  return depth;
}

describe("error records", () => {
  it("records a plain error's name and message, and no ErrorData key", () => {
    const record = errorToRecord(new RangeError("out"));
    expect(record).toStrictEqual({ ErrorType: "RangeError", ErrorMessage: "out" });
  });

  it("writes and reads back at most ten errors of a cause chain", () => {
    expect(recordDepth(errorToRecord(chain(3)))).toBe(4);
    expect(recordDepth(errorToRecord(chain(9)))).toBe(10);
    expect(recordDepth(errorToRecord(chain(12)))).toBe(10);
    expect(errorDepth(recordToError(recordChain(3)))).toBe(4);
    expect(errorDepth(recordToError(recordChain(9)))).toBe(10);
    expect(errorDepth(recordToError(recordChain(12)))).toBe(10);
    expect((recordToError(recordChain(2)).cause as Error).message).toBe("e1");
  });

  it("names an error without a recorded type Error", () => {
    const error = recordToError({ ErrorMessage: "m" });
    expect([error.name, error.message]).toEqual(["Error", "m"]);
  });
});

describe("toBatchResult", () => {
  it.each<[string, unknown]>([
    ["a number", 5],
    ["null", null],
    ["a string", "x"],
    ["an object without an all list", { all: "no" }],
  ])("returns %s as it is", (_title, value) => {
    expect(toBatchResult(value)).toBe(value);
  });

  it("returns a BatchResult as it is", () => {
    const result = new BatchResultImpl([], "ALL_COMPLETED");
    expect(toBatchResult(result)).toBe(result);
  });

  it("rebuilds items: no result key on unfinished items, ALL_COMPLETED when no reason is stored", () => {
    const result = toBatchResult({
      all: [
        { index: 0, status: "SUCCEEDED", result: 1 },
        { index: 1, status: "STARTED" },
      ],
    })!;
    expect(result.completionReason).toBe("ALL_COMPLETED");
    expect(result.all[1]).toStrictEqual({ index: 1, status: "STARTED" });
    expect(result.all[0]).toStrictEqual({ index: 0, status: "SUCCEEDED", result: 1 });
  });

  it.each<[string, unknown, string, string, string | undefined]>([
    [
      "a record with a durable type",
      { ErrorType: "StepError", ErrorMessage: "s" },
      "s",
      "StepError",
      "s",
    ],
    ["a record with only a message", { ErrorMessage: "only" }, "only", "Error", "only"],
    [
      "a record with only a type",
      { ErrorType: "TypeError" },
      "Child context failed",
      "TypeError",
      "",
    ],
    ["an error-like object", { name: "RangeError", message: "out" }, "out", "RangeError", "out"],
    [
      "an object with a non-string message and name",
      { message: 5, name: 6 },
      "Child context failed",
      "Error",
      "",
    ],
    ["a string", "boom", "boom", "none", undefined],
    ["null", null, "null", "none", undefined],
  ])(
    "rebuilds a failed item's error given as %s",
    (_title, stored, message, causeName, causeMessage) => {
      const result = toBatchResult({
        all: [{ index: 0, status: "FAILED", error: stored }],
        completionReason: "FAILURE_TOLERANCE_EXCEEDED",
      })!;
      const error = result.all[0].error as ChildContextError;
      expect(error).toBeInstanceOf(ChildContextError);
      expect(error.message).toBe(message);
      const cause = error.cause as Error | undefined;
      expect(cause?.name ?? "none").toBe(causeName);
      expect(cause?.message).toBe(causeMessage);
      if (causeName === "StepError") expect(cause).toBeInstanceOf(StepError);
    },
  );
});

describe("summaries and recorded batches", () => {
  const items = (statuses: Array<[number, BatchItemStatus]>) =>
    new BatchResultImpl(
      statuses.map(([index, status]) => ({ index, status, result: index })),
      "MIN_SUCCESSFUL_REACHED",
    ) as unknown as BatchResult<unknown>;

  it("marks items that are missing or neither succeeded nor failed with -", () => {
    const summary = JSON.parse(
      summarizeBatch(
        "map",
        items([
          [1, BatchItemStatus.SUCCEEDED],
          [3, BatchItemStatus.FAILED],
          [4, BatchItemStatus.STARTED],
        ]),
        undefined,
      ),
    );
    expect(summary.itemStatuses).toBe("-S-F-");
  });

  it("reads the item statuses of a summary or of a full result, and nothing without a reason", () => {
    expect(readRecordedBatch('{"completionReason":"ALL_COMPLETED","itemStatuses":"SF"}')).toEqual({
      completionReason: "ALL_COMPLETED",
      itemStatuses: "SF",
    });
    expect(
      readRecordedBatch(
        '{"completionReason":"ALL_COMPLETED","all":[{"index":0,"status":"FAILED"},{"index":1,"status":"SUCCEEDED"}]}',
      ),
    ).toEqual({ completionReason: "ALL_COMPLETED", itemStatuses: "FS" });
    expect(readRecordedBatch('{"itemStatuses":"SF"}')).toBeUndefined();
    expect(readRecordedBatch('{"completionReason":"ALL_COMPLETED"}')).toBeUndefined();
    expect(readRecordedBatch("not json")).toBeUndefined();
  });
});
