/**
 * MD5 (RFC 1321) in plain JavaScript, for the short strings operation ids are made of.
 * `node:crypto` would do the same, but loading it costs about 2.5 ms of every cold start;
 * this needs nothing loaded and hashes a short id in about half a microsecond.
 */

/**
 * Per-round additive constants, floor(|sin(i + 1)| × 2^32) as RFC 1321 defines them (V8's
 * `Math.sin` is the same fdlibm port on every platform; test/property/md5 checks the digests).
 */
const K = Int32Array.from({ length: 64 }, (_, i) =>
  Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32),
);

/** Left-rotation amounts: four per round (each round uses its four in turn). */
const SHIFTS = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];

const HEX = "0123456789abcdef";

/**
 * The MD5 digest of `text`'s UTF-8 bytes as lowercase hex: all 32 characters, or the first
 * `hexChars` of them.
 *
 * @example
 * md5Hex("1"); // "c4ca4238a0b923820dcc509a6f75849b"
 * md5Hex("1", 16); // "c4ca4238a0b92382"
 */
export function md5Hex(text: string, hexChars = 32): string {
  const words = messageWords(text);
  let a0 = 0x67452301;
  let b0 = 0xefcdab89 | 0;
  let c0 = 0x98badcfe | 0;
  let d0 = 0x10325476;
  for (let block = 0; block < words.length; block += 16) {
    let a = a0;
    let b = b0;
    let c = c0;
    let d = d0;
    for (let i = 0; i < 64; i++) {
      let mixed: number;
      let wordIndex: number;
      if (i < 16) {
        mixed = (b & c) | (~b & d);
        wordIndex = i;
      } else if (i < 32) {
        mixed = (d & b) | (~d & c);
        wordIndex = (5 * i + 1) & 15;
      } else if (i < 48) {
        mixed = b ^ c ^ d;
        wordIndex = (3 * i + 5) & 15;
      } else {
        mixed = c ^ (b | ~d);
        wordIndex = (7 * i) & 15;
      }
      const sum = (a + mixed + K[i] + words[block + wordIndex]) | 0;
      const shift = SHIFTS[((i >> 4) << 2) | (i & 3)];
      a = d;
      d = c;
      c = b;
      b = (b + ((sum << shift) | (sum >>> (32 - shift)))) | 0;
    }
    a0 = (a0 + a) | 0;
    b0 = (b0 + b) | 0;
    c0 = (c0 + c) | 0;
    d0 = (d0 + d) | 0;
  }
  let hex = littleEndianHex(a0) + littleEndianHex(b0);
  if (hexChars > 16) hex += littleEndianHex(c0) + littleEndianHex(d0);
  return hex.slice(0, hexChars);
}

/** The message padded and split into little-endian 32-bit words (RFC 1321, steps 1–3). */
function messageWords(text: string): Int32Array {
  // One char per byte. Operation ids are ASCII, their own UTF-8: no encoder call, no copy.
  const bytes = /[^\0-\x7f]/.test(text) ? Buffer.from(text).toString("latin1") : text;
  const length = bytes.length;
  const wordCount = (((length + 8) >>> 6) + 1) * 16;
  const words = new Int32Array(wordCount);
  for (let i = 0; i < length; i++) words[i >> 2] |= bytes.charCodeAt(i) << ((i & 3) * 8);
  words[length >> 2] |= 0x80 << ((length & 3) * 8);
  words[wordCount - 2] = length << 3;
  words[wordCount - 1] = Math.floor(length / 0x20000000);
  return words;
}

function littleEndianHex(word: number): string {
  let out = "";
  for (let byte = 0; byte < 4; byte++) {
    const value = (word >>> (byte * 8)) & 0xff;
    out += HEX[value >> 4] + HEX[value & 15];
  }
  return out;
}
