import { invalidParameter } from "./service-errors";

/**
 * Limits the service enforces on checkpoints and callbacks; all configurable.
 *
 * @example
 * ```ts
 * const limits: Partial<ServiceLimits> = { operationPayloadBytes: 64 * 1024 };
 * const service = new DurableExecutionService({ limits });
 * ```
 */
export interface ServiceLimits {
  /** Max UTF-8 bytes of the `Payload` of an `EXECUTION` update. */
  executionPayloadBytes: number;
  /** Max UTF-8 bytes of the `Payload` of any other update. */
  operationPayloadBytes: number;
  /** Max UTF-8 bytes of the JSON form of an update's `Error`. */
  errorBytes: number;
  /** Max bytes of a callback success result. */
  callbackResultBytes: number;
  /** Max UTF-8 bytes of an execution's input payload. */
  inputPayloadBytes: number;
  /** Max number of updates per checkpoint request (`Infinity`: no limit). */
  updatesPerCheckpoint: number;
}

/**
 * The documented limits.
 *
 * @example
 * ```ts
 * const service = new DurableExecutionService({
 *   limits: { ...DEFAULT_LIMITS, updatesPerCheckpoint: 10 },
 * });
 * ```
 */
export const DEFAULT_LIMITS: ServiceLimits = {
  executionPayloadBytes: 6_291_456,
  operationPayloadBytes: 1_048_576,
  errorBytes: 1_048_576,
  callbackResultBytes: 1_048_576,
  inputPayloadBytes: 6_291_456,
  updatesPerCheckpoint: Infinity,
};

/** Largest `WaitSeconds` / `NextAttemptDelaySeconds` / `ExecutionTimeout`. */
export const MAX_DURATION_SECONDS = 31_622_400;

/** UTF-8 byte length of a string. */
export function utf8Length(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/** Rejects a request field of `size` UTF-8 bytes when it exceeds `limit`. */
export function assertWithinByteLimit(field: string, size: number, limit: number): void {
  if (size > limit) {
    throw invalidParameter(
      `Invalid value for ${field}: ${size} bytes exceeds the limit of ${limit} bytes.`,
    );
  }
}
