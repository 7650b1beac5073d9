import { md5Hex } from "./md5";

/**
 * Hashed ids of the positions of each context, by the context's raw id ("" for the root):
 * entry n is position n's. Positions repeat across the invocations (and executions) of a
 * container; finding one is an array read, where a cache keyed by raw id cost a fresh
 * string, its hash and, past a few thousand ids, a cache miss per lookup.
 */
const positionIdsByContext = new Map<string, string[]>();
let rememberedPositions = 0;
/** Past this many remembered position ids they start afresh (about 5 MB at most). */
const MAX_REMEMBERED_POSITIONS = 131_072;

/**
 * Turns a positional raw operation id ("1", "2-1", …) into the id sent on the wire: the
 * first 16 lowercase hex characters of the MD5 digest of its UTF-8 bytes. Contexts find the
 * ids of their positions with {@link positionId}, which remembers them.
 */
export function hashOperationId(rawId: string): string {
  return md5Hex(rawId, 16);
}

/** The raw id of the `counter`-th operation of the context whose raw id is `prefix`. */
export function childRawId(prefix: string | undefined, counter: number): string {
  return prefix === undefined ? String(counter) : `${prefix}-${counter}`;
}

/**
 * The wire id of the `counter`-th operation of the context whose raw id is `prefix`:
 * `hashOperationId(childRawId(prefix, counter))`, remembered by position.
 */
export function positionId(prefix: string | undefined, counter: number): string {
  const key = prefix ?? "";
  let ids = positionIdsByContext.get(key);
  let id = ids?.[counter];
  if (id === undefined) {
    if (rememberedPositions >= MAX_REMEMBERED_POSITIONS) {
      positionIdsByContext.clear();
      rememberedPositions = 0;
      ids = undefined;
    }
    if (ids === undefined) positionIdsByContext.set(key, (ids = []));
    id = ids[counter] = hashOperationId(childRawId(prefix, counter));
    rememberedPositions++;
  }
  return id;
}
