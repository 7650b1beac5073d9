/** The plain-JavaScript MD5 behind operation ids agrees with node:crypto on any input. */
import { createHash } from "node:crypto";
import fc from "fast-check";
import { md5Hex } from "../../src/context/md5";
import { fcParams } from "./fc-params";

const nodeMd5 = (text: string) => createHash("md5").update(text, "utf8").digest("hex");

describe("md5Hex", () => {
  test("RFC 1321 test suite", () => {
    expect(md5Hex("")).toBe("d41d8cd98f00b204e9800998ecf8427e");
    expect(md5Hex("a")).toBe("0cc175b9c0f1b6a831c399e269772661");
    expect(md5Hex("abc")).toBe("900150983cd24fb0d6963f7d28e17f72");
    expect(md5Hex("message digest")).toBe("f96b697d7cb7938d525a2f31aaf161d0");
    expect(md5Hex("abcdefghijklmnopqrstuvwxyz")).toBe("c3fcd3d76192e4007dfb496cca67e13b");
    expect(
      md5Hex("12345678901234567890123456789012345678901234567890123456789012345678901234567890"),
    ).toBe("57edf4a22be3c955ac49da2e2107b67a");
  });

  test("cuts the digest to the hex characters asked for", () => {
    expect(md5Hex("abc", 16)).toBe("900150983cd24fb0");
    expect(md5Hex("abc", 8)).toBe("90015098");
    expect(md5Hex("abc", 20)).toBe("900150983cd24fb0d696");
  });

  test("every length around the padding and block boundaries", () => {
    for (let length = 0; length <= 200; length++) {
      const text = "x".repeat(length);
      expect([length, md5Hex(text)]).toEqual([length, nodeMd5(text)]);
    }
  });

  test("random strings, ASCII and beyond (UTF-8 bytes, surrogate pairs)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 300 }), (text) => {
        expect(md5Hex(text)).toBe(nodeMd5(text));
      }),
      fcParams({ numRuns: 300 }),
    );
  });

  test("a prefix of the digest", () => {
    expect(md5Hex("1", 16)).toBe("c4ca4238a0b92382");
  });
});
