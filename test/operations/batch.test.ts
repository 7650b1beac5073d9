import {
  BatchCompletionError,
  BatchItemStatus,
  CallbackTimeoutError,
  ChildContextError,
  CompletionOutcome,
  completeBatch,
  continueBatch,
  StepError,
} from "../../src";
import { BatchResultImpl } from "../../src/operations/concurrency/batch-result";
import {
  createDefaultBatchSerdes,
  errorToRecord,
  readRecordedBatch,
  recordToError,
  summarizeBatch,
  toBatchResult,
} from "../../src/operations/concurrency/batch-serdes";
import { evaluateCompletion } from "../../src/operations/concurrency/completion-policy";
import { batchConfigError } from "../../src/operations/concurrency/batch-arguments";
import { h, MemoryClient, runner } from "./batch-helpers";

const S = BatchItemStatus.SUCCEEDED;
const F = BatchItemStatus.FAILED;
const R = BatchItemStatus.STARTED;
const ctxInfo = { entityId: "1", durableExecutionArn: "arn" };

function sample() {
  const error = new ChildContextError("boom", new StepError("boom", undefined, "data"));
  return new BatchResultImpl<number | undefined>(
    [
      { result: 1, index: 0, status: S },
      { result: undefined, index: 1, status: S },
      { error, index: 2, status: F },
      { index: 3, status: R },
    ],
    "FAILURE_TOLERANCE_EXCEEDED",
  );
}

describe("BatchResult", () => {
  it("computes counts, views and status", () => {
    const r = sample();
    expect([r.successCount, r.failureCount, r.startedCount, r.totalCount]).toEqual([2, 1, 1, 4]);
    expect(r.succeeded().map((i) => i.index)).toEqual([0]); // undefined result left out
    expect(r.failed().map((i) => i.index)).toEqual([2]);
    expect(r.started().map((i) => i.index)).toEqual([3]);
    expect(r.getResults()).toEqual([1]);
    expect(r.getErrors()[0].message).toBe("boom");
    expect(r.status).toBe("FAILED");
    expect(r.hasFailure).toBe(true);
    expect(() => r.throwIfError()).toThrow(r.getErrors()[0]);
  });

  it("serializes with JSON.stringify to only all and completionReason", () => {
    const r = new BatchResultImpl([{ result: 2, index: 0, status: S }], "ALL_COMPLETED");
    expect(JSON.stringify(r)).toBe(
      '{"all":[{"result":2,"index":0,"status":"SUCCEEDED"}],"completionReason":"ALL_COMPLETED"}',
    );
    expect(Object.keys(r)).toEqual(["all", "completionReason"]);
  });

  it("derives status from custom reasons and throws BatchCompletionError without failed items", () => {
    const failed = new BatchResultImpl(
      [{ result: 1, index: 0, status: S }],
      "CUSTOM_COMPLETION_FAILED",
    );
    expect(failed.status).toBe("FAILED");
    expect(() => failed.throwIfError()).toThrow(BatchCompletionError);
    const withFailure = new BatchResultImpl(
      [{ error: new ChildContextError("x"), index: 0, status: F }],
      "CUSTOM_COMPLETION_SUCCEEDED",
    );
    expect(withFailure.status).toBe("SUCCEEDED");
    expect(() => withFailure.throwIfError()).toThrow(ChildContextError);
    const ok = new BatchResultImpl([{ result: 1, index: 0, status: S }], "ALL_COMPLETED");
    expect(() => ok.throwIfError()).not.toThrow();
  });
});

describe("batch serdes", () => {
  it("writes error records with nested causes and rebuilds classes and error data", async () => {
    const serdes = createDefaultBatchSerdes<number | undefined>();
    const payload = await serdes.serialize(sample(), ctxInfo);
    expect(JSON.parse(payload!).all[2]).toEqual({
      error: {
        ErrorType: "ChildContextError",
        ErrorMessage: "boom",
        ErrorData: "data",
        Cause: { ErrorType: "StepError", ErrorMessage: "boom", ErrorData: "data" },
      },
      index: 2,
      status: "FAILED",
    });
    const back = (await serdes.deserialize(payload, ctxInfo))!;
    expect(back).toBeInstanceOf(BatchResultImpl);
    expect(back.completionReason).toBe("FAILURE_TOLERANCE_EXCEEDED");
    const error = back.getErrors()[0];
    expect(error).toBeInstanceOf(ChildContextError);
    expect(error.errorData).toBe("data");
    expect(error.cause).toBeInstanceOf(StepError);
    expect((error.cause as StepError).errorData).toBe("data");
    expect(back.all.map((i) => i.status)).toEqual([S, S, F, R]);
  });

  it("round-trips callback error subclasses and unknown cause types", () => {
    const record = errorToRecord(
      new ChildContextError("late", new CallbackTimeoutError("late", undefined, "hb")),
    );
    const rebuilt = recordToError(record);
    expect(rebuilt).toBeInstanceOf(ChildContextError);
    expect(rebuilt.cause).toBeInstanceOf(CallbackTimeoutError);
    expect((rebuilt.cause as CallbackTimeoutError).errorData).toBe("hb");
    const plain = recordToError({ ErrorType: "TypeError", ErrorMessage: "t" });
    expect(plain).not.toBeInstanceOf(StepError);
    expect([plain.name, plain.message]).toEqual(["TypeError", "t"]);
  });

  it("turns any value with an all array into a BatchResult (custom serdes output)", () => {
    const r = toBatchResult<number>({
      all: [
        { result: 1, index: 0, status: "SUCCEEDED" },
        { error: { name: "Oops", message: "m" }, index: 1, status: "FAILED" },
      ],
      completionReason: "ALL_COMPLETED",
    })!;
    expect(r).toBeInstanceOf(BatchResultImpl);
    expect(r.failureCount).toBe(1);
    expect(r.getErrors()[0]).toBeInstanceOf(ChildContextError);
    expect(r.getErrors()[0].message).toBe("m");
    expect(toBatchResult("plain")).toBe("plain");
  });

  it("summarizes map and parallel results and reads summaries back", () => {
    const r = sample();
    const map = summarizeBatch("map", r, undefined);
    expect(map).toBe(
      '{"type":"MapResult","totalCount":4,"successCount":2,"failureCount":1,"completionReason":"FAILURE_TOLERANCE_EXCEEDED","status":"FAILED","itemStatuses":"SSF-"}',
    );
    expect(JSON.parse(summarizeBatch("parallel", r, () => "mine"))).toMatchObject({
      type: "ParallelResult",
      startedCount: 1,
      summary: "mine",
    });
    expect(readRecordedBatch(map)).toEqual({
      completionReason: "FAILURE_TOLERANCE_EXCEEDED",
      itemStatuses: "SSF-",
    });
    expect(
      readRecordedBatch(
        JSON.stringify({
          all: [{ index: 0, status: "FAILED" }],
          completionReason: "ALL_COMPLETED",
        }),
      ),
    ).toEqual({
      completionReason: "ALL_COMPLETED",
      itemStatuses: "F",
    });
    expect(readRecordedBatch("")).toBeUndefined();
    expect(readRecordedBatch("not json")).toBeUndefined();
  });

  it("applies a custom batch serdes and still returns a BatchResult", async () => {
    const client = new MemoryClient();
    const run = runner(async (ctx) => {
      const r = await ctx.map([1, 2], async (_c, x) => x * 3, {
        serdes: {
          serialize: async (v) => `custom:${JSON.stringify(v)}`,
          deserialize: async (d) => JSON.parse(d!.slice(7)),
        },
      });
      return [r instanceof BatchResultImpl, r.getResults(), r.status];
    });
    expect(await run(client)).toEqual({ Status: "SUCCEEDED", Result: '[true,[3,6],"SUCCEEDED"]' });
    const end = client.updates.find((u) => u.Id === h("1") && u.Action === "SUCCEED")!;
    expect(end.Payload!.startsWith("custom:")).toBe(true);
    expect(await run(client)).toEqual({ Status: "SUCCEEDED", Result: '[true,[3,6],"SUCCEEDED"]' });
  });
});

describe("completion policy", () => {
  const progress = (successCount: number, failureCount: number, totalCount: number) => ({
    successCount,
    failureCount,
    totalCount,
    items: () => [],
  });

  it("exports completeBatch / continueBatch", () => {
    expect(continueBatch()).toEqual({ complete: false });
    expect(completeBatch()).toEqual({ complete: true, outcome: "SUCCEEDED" });
    expect(completeBatch(CompletionOutcome.FAILED)).toEqual({ complete: true, outcome: "FAILED" });
  });

  it("fails fast without an effective config", () => {
    expect(evaluateCompletion(undefined, progress(1, 0, 3))).toBeUndefined();
    expect(evaluateCompletion({}, progress(0, 1, 3))).toBe("FAILURE_TOLERANCE_EXCEEDED");
    expect(evaluateCompletion({ minSuccessful: undefined }, progress(3, 0, 3))).toBe(
      "ALL_COMPLETED",
    );
  });

  it("orders reasons: tolerance, all settled, minSuccessful", () => {
    expect(evaluateCompletion({ minSuccessful: 1 }, progress(1, 5, 10))).toBe(
      "MIN_SUCCESSFUL_REACHED",
    );
    expect(evaluateCompletion({ minSuccessful: 1 }, progress(0, 5, 10))).toBeUndefined();
    expect(
      evaluateCompletion({ minSuccessful: 3, toleratedFailureCount: 0 }, progress(3, 1, 4)),
    ).toBe("FAILURE_TOLERANCE_EXCEEDED");
    expect(evaluateCompletion({ minSuccessful: 3 }, progress(3, 0, 3))).toBe("ALL_COMPLETED");
    expect(
      evaluateCompletion({ toleratedFailurePercentage: 50 }, progress(0, 2, 4)),
    ).toBeUndefined();
    expect(evaluateCompletion({ toleratedFailurePercentage: 50 }, progress(0, 3, 4))).toBe(
      "FAILURE_TOLERANCE_EXCEEDED",
    );
  });

  it("uses the custom predicate first", () => {
    const config = { shouldComplete: () => completeBatch(CompletionOutcome.FAILED) };
    expect(evaluateCompletion(config, progress(0, 0, 2))).toBe("CUSTOM_COMPLETION_FAILED");
    expect(evaluateCompletion({ shouldComplete: () => continueBatch() }, progress(1, 1, 2))).toBe(
      "ALL_COMPLETED",
    );
  });

  it("validates configs with messages naming the batch", () => {
    expect(batchConfigError({ maxConcurrency: 3 }, 'map "m"')).toBeUndefined();
    expect(batchConfigError({ maxConcurrency: null }, 'map "m"')).toBeUndefined();
    expect(batchConfigError({ maxConcurrency: -1 }, 'map "m"')?.message).toBe(
      'map "m": maxConcurrency must be a positive whole number, or undefined for no limit (got -1)',
    );
    expect(
      batchConfigError(
        {
          completionConfig: {
            shouldComplete: () => continueBatch(),
            toleratedFailureCount: 1,
          } as never,
        },
        "parallel",
      )?.message,
    ).toBe(
      "parallel: completionConfig.shouldComplete cannot be combined with minSuccessful, toleratedFailureCount or toleratedFailurePercentage; use one or the other",
    );
  });
});
