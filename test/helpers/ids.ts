/**
 * Worked examples of wire operation ids, written out by hand (the first 16 hex characters
 * of the MD5 digest of the raw id, computed outside this code base with
 * `printf '%s' 1-2 | md5sum | cut -c1-16`). Tests take expected ids from here rather than
 * from the production hash function, so a broken `hashOperationId` cannot agree with itself.
 */
export const WORKED_IDS = {
  "1": "c4ca4238a0b92382",
  "1-1": "ea66c06c1e1c05fa",
  "1-1-1": "2f221a18eb863803",
  "1-1-1-1": "55998bab939d40e7",
  "1-1-2": "4f57d0ecf9622a0b",
  "1-1-3": "98c1d2a9d58ce748",
  "1-2": "98c6f2c2287f4c73",
  "1-2-1": "6151f5ab282d90e4",
  "1-2-2": "e61730e6717b1787",
  "1-2-3": "453e406dcee4d181",
  "1-3": "13cee27a2bd93915",
  "1-4": "3a170a9fe4f47efa",
  "1-5": "12426c956d1bc501",
  "2": "c81e728d9d4c2f63",
  "2-1": "8fbdbf5573b18fae",
  "2-2": "3c46a0407be60a1f",
  "2-2-1": "61e70e07c25ca2dd",
  "3": "eccbc87e4b5ce2fe",
  "4": "a87ff679a2f3e71d",
  "5": "e4da3b7fbbce2345",
  "6": "1679091c5a880faf",
} as const;

export type WorkedRawId = keyof typeof WORKED_IDS;

/** The wire id of a raw id from the worked examples. */
export function h(rawId: WorkedRawId): string {
  const id = WORKED_IDS[rawId] as string | undefined;
  if (id === undefined) throw new Error(`no worked example for raw id "${rawId}"`);
  return id;
}
