import { createHash } from "node:crypto";

/**
 * Turns a positional raw operation id ("1", "2-1", …) into the id sent on the wire: the
 * first 16 lowercase hex characters of the MD5 digest of its UTF-8 bytes.
 */
export function hashOperationId(rawId: string): string {
  return createHash("md5").update(rawId, "utf8").digest("hex").slice(0, 16);
}

/** The raw id of the `counter`-th operation of the context whose raw id is `prefix`. */
export function childRawId(prefix: string | undefined, counter: number): string {
  return prefix === undefined ? String(counter) : `${prefix}-${counter}`;
}
