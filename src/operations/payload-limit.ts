import { operationKind } from "../errors/internal-errors";
import type { OperationUpdate } from "../types/wire";

/** Largest payload the service stores for one operation (1 MiB), in UTF-8 bytes. */
export const MAX_OPERATION_PAYLOAD_BYTES = 1_048_576;

/**
 * The error for an update whose payload the service would refuse (over 1 MiB), naming the
 * operation, the size and what to do; checked before anything is sent.
 */
export function payloadTooLarge(update: OperationUpdate): Error | undefined {
  const payload = update.Payload;
  if (payload === undefined || payload.length * 3 <= MAX_OPERATION_PAYLOAD_BYTES) return undefined;
  const bytes = Buffer.byteLength(payload, "utf8");
  if (bytes <= MAX_OPERATION_PAYLOAD_BYTES || update.Type === "EXECUTION") return undefined;
  const what = `${operationKind(update.SubType)} ${update.Name === undefined ? `(${update.Id})` : `"${update.Name}"`}`;
  return new RangeError(
    `${what}: its result is ${bytes} bytes, over the ${MAX_OPERATION_PAYLOAD_BYTES}-byte limit for one operation. ` +
      "Return a smaller value, store large data elsewhere and return a reference (e.g. createFileSystemSerdes), " +
      "or give a child context a summaryGenerator.",
  );
}
