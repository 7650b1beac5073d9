import { md5Hex } from "./md5";

/** Hashed ids by raw id. Raw ids repeat across the invocations (and executions) of a container. */
const hashedIds = new Map<string, string>();
/** Past this many remembered ids the cache starts afresh (about 2 MB at most). */
const MAX_REMEMBERED_IDS = 20_000;

/**
 * Hashed ids of the positions of each context, by the context's raw id ("" for the root):
 * entry n is position n's. Positions repeat across the invocations (and executions) of a
 * container; finding one is an array read, where a string-keyed cache of 100,000 ids cost a
 * hash and a cache miss per lookup.
 */
const positionIdsByContext = new Map<string, string[]>();
let rememberedPositions = 0;
/** Past this many remembered position ids they start afresh (about 5 MB at most). */
const MAX_REMEMBERED_POSITIONS = 131_072;

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

/**
 * The remembered wire ids of the positions of the context whose raw id is `prefix`, for
 * {@link positionId}: a context looks its positions up here, in order from 1.
 */
export function positionIdsOf(prefix: string | undefined): string[] {
  const key = prefix ?? "";
  let ids = positionIdsByContext.get(key);
  if (ids === undefined) {
    ids = [];
    positionIdsByContext.set(key, ids);
  }
  return ids;
}

/**
 * The wire id of the `counter`-th operation of the context whose raw id is `prefix`
 * (`hashOperationId(childRawId(prefix, counter))`); `ids` is `positionIdsOf(prefix)`.
 */
export function positionId(ids: string[], prefix: string | undefined, counter: number): string {
  let id = ids[counter];
  if (id === undefined) {
    id = md5Hex(childRawId(prefix, counter), 16);
    if (rememberedPositions >= MAX_REMEMBERED_POSITIONS) {
      positionIdsByContext.clear();
      rememberedPositions = 0;
    }
    ids[counter] = id;
    rememberedPositions++;
  }
  return id;
}
