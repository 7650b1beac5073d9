/** Operation ids: the worked examples, and a straightforward re-derivation for random raw ids. */
import { createHash } from "node:crypto";
import fc from "fast-check";
import { childRawId, hashOperationId, positionId } from "../../src/context/operation-id";
import { WORKED_IDS, type WorkedRawId } from "../helpers/ids";
import { fcParams } from "./fc-params";

/** md5 of the UTF-8 bytes, hex, first 16 characters, computed byte by byte from the digest. */
function rederive(raw: string): string {
  const digest = createHash("md5").update(Buffer.from(raw, "utf8")).digest();
  let hex = "";
  for (const byte of digest.subarray(0, 8)) hex += (byte < 16 ? "0" : "") + byte.toString(16);
  return hex;
}

const pathArb = fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 6 });

describe("operation ids", () => {
  test.each(Object.entries(WORKED_IDS))("worked example %s → %s", (raw, id) => {
    expect(hashOperationId(raw as WorkedRawId)).toBe(id);
  });

  test("random positional ids: nesting composes raw ids, hashing matches the re-derivation", () => {
    fc.assert(
      fc.property(pathArb, (path) => {
        let raw: string | undefined;
        for (const counter of path) raw = childRawId(raw, counter);
        expect(raw).toBe(path.join("-"));
        const id = hashOperationId(raw!);
        expect(id).toMatch(/^[0-9a-f]{16}$/);
        expect(id).toBe(rederive(raw!));
      }),
      fcParams({ numRuns: 300 }),
    );
  });

  test("the remembered ids of a context's positions are the hashes of their raw ids", () => {
    fc.assert(
      fc.property(pathArb, fc.integer({ min: 1, max: 50 }), (path, positions) => {
        const prefix = path.join("-");
        // Asked twice: computed the first time, remembered the second.
        for (let round = 0; round < 2; round++) {
          for (let counter = 1; counter <= positions; counter++) {
            expect(positionId(prefix, counter)).toBe(rederive(`${prefix}-${counter}`));
          }
        }
        expect(positionId(undefined, positions)).toBe(rederive(String(positions)));
      }),
      fcParams({ numRuns: 100 }),
    );
  });

  test("any string hashes like the re-derivation (UTF-8, not UTF-16)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), (raw) => {
        expect(hashOperationId(raw)).toBe(rederive(raw));
      }),
      fcParams({ numRuns: 200 }),
    );
  });
});
