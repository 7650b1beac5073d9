import {
  BatchCompletionError,
  ChildContextError,
  DurableOperationError,
  durableErrorClass,
} from "../../errors/durable-operation-errors";
import { BatchItemStatus, type BatchItem, type BatchResult } from "../../types/batch";
import type { CompletionReason } from "../../types/completion-reason";
import type { Serdes } from "../../types/serdes";
import type { ErrorObject } from "../../types/wire";
import { jsonSerdes } from "../../serdes/default-serdes";
import { asItemError, BatchResultImpl } from "./batch-result";

/** An error record as stored in a batch result: the wire record plus its cause chain. */
export interface BatchErrorRecord extends ErrorObject {
  Cause?: BatchErrorRecord;
}

/** Longest cause chain written into a batch result. */
const MAX_CAUSE_DEPTH = 10;

/**
 * Converts an error and its cause chain into nested records, as the reference SDK stores
 * them: each error records its type (durable `errorType` or `name`), message and error data,
 * so a failed step inside an item is stored as `ChildContextError` → `StepError` → the
 * step's rebuilt cause. Error data found further down the chain is recorded on the durable
 * errors above it too.
 */
export function errorToRecord(error: Error, depth = 0): BatchErrorRecord {
  const durable = error instanceof DurableOperationError;
  const record: BatchErrorRecord = {
    ErrorType: durable ? error.errorType : error.name,
    ErrorMessage: error.message,
  };
  // A durable error without data of its own records the first data of its cause chain,
  // like its checkpointed record does.
  const errorData = durable ? error.toErrorObject().ErrorData : undefined;
  if (errorData !== undefined) record.ErrorData = errorData;
  if (error.cause instanceof Error && ++depth < MAX_CAUSE_DEPTH) {
    record.Cause = errorToRecord(error.cause, depth);
  }
  return record;
}

/** Rebuilds an error (with its class, error data and causes) from a batch error record. */
export function recordToError(record: BatchErrorRecord, depth = 0): Error {
  const type = record.ErrorType;
  let error: Error;
  if (type === "BatchCompletionError") {
    error = new BatchCompletionError("CUSTOM_COMPLETION_FAILED", record.ErrorMessage);
  } else if (durableErrorClass(type)) {
    error = DurableOperationError.fromErrorObject(record);
  } else {
    error = new Error(record.ErrorMessage);
    error.name = type || "Error";
  }
  if (record.Cause && depth + 1 < MAX_CAUSE_DEPTH) {
    error.cause = recordToError(record.Cause, depth + 1);
  }
  return error;
}

/** The JSON shape of one item in a stored batch result. */
interface StoredItem {
  result?: unknown;
  error?: BatchErrorRecord;
  index: number;
  status: BatchItemStatus;
}

/** Maps stored or live batch items, converting the error of each failed item. */
function mapItems<E>(
  all: readonly Record<string, unknown>[],
  convertError: (error: unknown) => E,
): Array<{ result?: unknown; error?: E; index: number; status: BatchItemStatus }> {
  return all.map(({ result, error, index, status }) =>
    status === BatchItemStatus.FAILED
      ? { error: convertError(error), index: index as number, status }
      : status === BatchItemStatus.SUCCEEDED
        ? { result, index: index as number, status }
        : { index: index as number, status: status as BatchItemStatus },
  );
}

/** Converts a batch result into the JSON object stored in the batch checkpoint. */
export function batchResultToJson(result: BatchResult<unknown>): {
  all: StoredItem[];
  completionReason: CompletionReason;
} {
  return {
    // A failed item's error is always a ChildContextError (see asItemError).
    all: mapItems(result.all as unknown as Record<string, unknown>[], (error) =>
      errorToRecord(error as Error),
    ),
    completionReason: result.completionReason,
  };
}

function rebuildItemError(error: unknown): ChildContextError {
  if (typeof error === "object" && error !== null && !(error instanceof Error)) {
    const e = error as BatchErrorRecord & { name?: unknown; message?: unknown };
    error =
      "ErrorType" in e || "ErrorMessage" in e
        ? recordToError(e)
        : Object.assign(
            new Error(typeof e.message === "string" ? e.message : undefined),
            typeof e.name === "string" ? { name: e.name } : {},
          );
  }
  return asItemError(error);
}

/**
 * Turns a deserialized value into a `BatchResult` object when it has an `all` array
 * (errors given as records are rebuilt with their classes); anything else is returned as is.
 */
export function toBatchResult<T>(value: unknown): BatchResult<T> | undefined {
  if (value instanceof BatchResultImpl || typeof value !== "object" || value === null) {
    return value as undefined;
  }
  const { all, completionReason } = value as { all?: unknown; completionReason?: unknown };
  if (!Array.isArray(all)) return value as BatchResult<T>;
  return new BatchResultImpl<T>(
    mapItems(all, rebuildItemError) as BatchItem<T>[],
    (completionReason as CompletionReason) ?? "ALL_COMPLETED",
  );
}

/** The built-in batch serdes: JSON of `{ all, completionReason }` with error records. */
export function createDefaultBatchSerdes<T>(): Serdes<BatchResult<T>> {
  return jsonSerdes<BatchResult<T>>(
    batchResultToJson,
    (json) => toBatchResult<T>(json) as BatchResult<T>,
  );
}

/** Wraps a caller's batch serdes so that values with an `all` array become BatchResults. */
export function wrapBatchSerdes<T>(serdes: Serdes<BatchResult<T>>): Serdes<BatchResult<T>> {
  return {
    serialize: (value, context) => serdes.serialize(value, context),
    deserialize: async (data, context) => toBatchResult<T>(await serdes.deserialize(data, context)),
  };
}

/** The summary stored instead of a batch result too large to checkpoint. */
export interface BatchSummary {
  type: "MapResult" | "ParallelResult";
  totalCount: number;
  successCount: number;
  failureCount: number;
  startedCount?: number;
  completionReason: CompletionReason;
  status: BatchItemStatus;
  itemStatuses: string;
  summary?: string;
}

/** Builds the summary JSON of a batch result; `custom` output goes under `"summary"`. */
export function summarizeBatch<T>(
  kind: "map" | "parallel",
  result: BatchResult<T>,
  custom: ((result: BatchResult<T>) => string) | undefined,
): string {
  const summary = {
    type: kind === "map" ? "MapResult" : "ParallelResult",
    totalCount: result.totalCount,
    successCount: result.successCount,
    failureCount: result.failureCount,
    startedCount: kind === "parallel" ? result.startedCount : undefined,
    completionReason: result.completionReason,
    status: result.status,
    itemStatuses: itemStatusString(result.all),
    summary: custom?.(result),
  } satisfies BatchSummary;
  return JSON.stringify(summary);
}

/** One character per item, by index: `S` succeeded, `F` failed, `-` anything else. */
function itemStatusString(items: readonly { index: number; status: BatchItemStatus }[]): string {
  const chars: string[] = [];
  for (const { index, status } of items) {
    chars[index] =
      status === BatchItemStatus.SUCCEEDED ? "S" : status === BatchItemStatus.FAILED ? "F" : "-";
  }
  return Array.from(chars, (c) => c ?? "-").join("");
}

/** What a replay needs from a stored summary (or full result) to rebuild the batch. */
export interface RecordedBatch {
  completionReason: CompletionReason;
  /** One character per started item: `S`, `F` or `-`. */
  itemStatuses: string;
}

/** Reads the recorded outcome of a batch whose result is rebuilt from its items. */
export function readRecordedBatch(payload: string | undefined): RecordedBatch | undefined {
  try {
    const { completionReason, itemStatuses, all } = JSON.parse(
      payload!,
    ) as Partial<BatchSummary> & {
      all?: unknown;
    };
    if (typeof completionReason === "string") {
      if (typeof itemStatuses === "string") return { completionReason, itemStatuses };
      if (Array.isArray(all)) {
        return { completionReason, itemStatuses: itemStatusString(all as StoredItem[]) };
      }
    }
  } catch {
    // not a recorded batch
  }
  return undefined;
}
