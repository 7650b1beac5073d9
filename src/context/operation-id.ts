import { md5Hex } from "./md5";

/** Hashed ids by raw id. Raw ids repeat across the invocations (and executions) of a container. */
const hashedIds = new Map<string, string>();
/** Past this many remembered ids the cache starts afresh (about 2 MB at most). */
const MAX_REMEMBERED_IDS = 20_000;

/**
 * Turns a positional raw operation id ("1", "2-1", …) into the id sent on the wire: the
 * first 16 lowercase hex characters of the MD5 digest of its UTF-8 bytes.
 */
export function hashOperationId(rawId: string): string {
  let id = hashedIds.get(rawId);
  if (id === undefined) {
    id = md5Hex(rawId, 16);
    if (hashedIds.size >= MAX_REMEMBERED_IDS) hashedIds.clear();
    hashedIds.set(rawId, id);
  }
  return id;
}

/** The raw id of the `counter`-th operation of the context whose raw id is `prefix`. */
export function childRawId(prefix: string | undefined, counter: number): string {
  return prefix === undefined ? String(counter) : `${prefix}-${counter}`;
}
