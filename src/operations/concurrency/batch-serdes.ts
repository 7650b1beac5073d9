import {
  BatchCompletionError,
  ChildContextError,
  DurableOperationError,
  durableErrorClass,
} from "../../errors/durable-operation-errors";
import { toErrorObject } from "../../errors/error-object";
import { BatchItemStatus, type BatchItem, type BatchResult } from "../../types/batch";
import type { CompletionReason } from "../../types/completion-reason";
import type { Serdes } from "../../types/serdes";
import type { ErrorObject } from "../../types/wire";
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
 * step's rebuilt cause.
 */
export function errorToRecord(error: unknown, depth = 0): BatchErrorRecord {
  let record: BatchErrorRecord;
  if (error instanceof DurableOperationError) {
    record = { ErrorType: error.errorType, ErrorMessage: error.message };
    if (error.errorData !== undefined) record.ErrorData = error.errorData;
  } else if (error instanceof Error) {
    record = { ErrorType: error.name, ErrorMessage: error.message };
  } else {
    const { ErrorType, ErrorMessage } = toErrorObject(error);
    record = { ErrorType, ErrorMessage };
  }
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error && depth + 1 < MAX_CAUSE_DEPTH) {
    record.Cause = errorToRecord(cause, depth + 1);
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

/** Converts a batch result into the JSON object stored in the batch checkpoint. */
export function batchResultToJson(result: BatchResult<unknown>): {
  all: StoredItem[];
  completionReason: CompletionReason;
} {
  const all = result.all.map((item): StoredItem => {
    if (item.status === BatchItemStatus.FAILED) {
      return { error: errorToRecord(item.error), index: item.index, status: item.status };
    }
    if (item.status === BatchItemStatus.SUCCEEDED) {
      return { result: item.result, index: item.index, status: item.status };
    }
    return { index: item.index, status: item.status };
  });
  return { all, completionReason: result.completionReason };
}

function isRecordLike(value: unknown): value is BatchErrorRecord {
  return (
    typeof value === "object" && value !== null && ("ErrorType" in value || "ErrorMessage" in value)
  );
}

function rebuildItemError(error: unknown): ChildContextError {
  if (error instanceof Error) return asItemError(error);
  if (isRecordLike(error)) return asItemError(recordToError(error));
  if (typeof error === "object" && error !== null) {
    const { name, message } = error as { name?: unknown; message?: unknown };
    const rebuilt = new Error(typeof message === "string" ? message : undefined);
    if (typeof name === "string") rebuilt.name = name;
    return asItemError(rebuilt);
  }
  return asItemError(error);
}

/**
 * Turns a deserialized value into a `BatchResult` object when it has an `all` array
 * (errors given as records are rebuilt with their classes); anything else is returned as is.
 */
export function toBatchResult<T>(value: unknown): BatchResult<T> | undefined {
  if (value instanceof BatchResultImpl) return value as BatchResult<T>;
  if (typeof value !== "object" || value === null) return value as undefined;
  const { all, completionReason } = value as { all?: unknown; completionReason?: unknown };
  if (!Array.isArray(all)) return value as BatchResult<T>;
  const items = all.map((raw: Record<string, unknown>): BatchItem<T> => {
    const status = raw.status as BatchItemStatus;
    const index = raw.index as number;
    if (status === BatchItemStatus.FAILED) {
      return { error: rebuildItemError(raw.error), index, status };
    }
    if (status === BatchItemStatus.SUCCEEDED) return { result: raw.result as T, index, status };
    return { index, status };
  });
  return new BatchResultImpl<T>(items, (completionReason as CompletionReason) ?? "ALL_COMPLETED");
}

/** The built-in batch serdes: JSON of `{ all, completionReason }` with error records. */
export function createDefaultBatchSerdes<T>(): Serdes<BatchResult<T>> {
  return {
    serialize: async (value) =>
      value === undefined ? undefined : JSON.stringify(batchResultToJson(value)),
    deserialize: async (data) =>
      data === undefined ? undefined : toBatchResult<T>(JSON.parse(data)),
  };
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
  if (!payload) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return undefined;
  }
  if (typeof parsed !== "object" || parsed === null) return undefined;
  const value = parsed as Partial<BatchSummary> & { all?: unknown };
  if (typeof value.completionReason !== "string") return undefined;
  const completionReason = value.completionReason as CompletionReason;
  if (typeof value.itemStatuses === "string") {
    return { completionReason, itemStatuses: value.itemStatuses };
  }
  if (Array.isArray(value.all)) {
    return { completionReason, itemStatuses: itemStatusString(value.all as StoredItem[]) };
  }
  return undefined;
}
