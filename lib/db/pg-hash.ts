/**
 * PostgreSQL's `hashtextextended(text, seed)` in JavaScript: `hash_bytes_extended` of src/common/hashfn.c (Bob
 * Jenkins' lookup3, 64-bit result) over the text's UTF-8 bytes, as PostgreSQL computes it for text under a
 * deterministic collation, on a little-endian server. The importer writes segment key hashes with it instead of
 * asking the database for every batch (issue 14: a round trip per batch, and a few thousand key strings
 * serialised, parsed and turned into BigInts); test/db/pg-hash.test.ts compares it with the server's own on
 * thousands of strings.
 *
 * Returns the 64-bit value as its high and low 32-bit halves (unsigned), which is how binary COPY writes an int8.
 */
export function hashTextExtended(s: string, seed = 0n): [hi: number, lo: number] {
  const k = Buffer.from(s, "utf8");
  let len = k.length;
  let a = (0x9e3779b9 + len + 3923095) | 0;
  let b = a;
  let c = a;
  if (seed !== 0n) {
    a = (a + Number((seed >> 32n) & 0xffffffffn)) | 0;
    b = (b + Number(seed & 0xffffffffn)) | 0;
    [a, b, c] = mix(a, b, c);
  }
  let at = 0;
  while (len >= 12) {
    a = (a + k.readUInt32LE(at)) | 0;
    b = (b + k.readUInt32LE(at + 4)) | 0;
    c = (c + k.readUInt32LE(at + 8)) | 0;
    [a, b, c] = mix(a, b, c);
    at += 12;
    len -= 12;
  }
  // the last 0–11 bytes, as little-endian words padded with zeros (the lowest byte of c is never reached)
  const byte = (i: number) => k[at + i]!;
  switch (len) {
    case 11: c = (c + (byte(10) << 24)) | 0; // falls through
    case 10: c = (c + (byte(9) << 16)) | 0; // falls through
    case 9: c = (c + (byte(8) << 8)) | 0; // falls through
    case 8: b = (b + (byte(7) << 24)) | 0; // falls through
    case 7: b = (b + (byte(6) << 16)) | 0; // falls through
    case 6: b = (b + (byte(5) << 8)) | 0; // falls through
    case 5: b = (b + byte(4)) | 0; // falls through
    case 4: a = (a + (byte(3) << 24)) | 0; // falls through
    case 3: a = (a + (byte(2) << 16)) | 0; // falls through
    case 2: a = (a + (byte(1) << 8)) | 0; // falls through
    case 1: a = (a + byte(0)) | 0;
  }
  [a, b, c] = final(a, b, c);
  return [b >>> 0, c >>> 0];
}

/** hashtextextended as PostgreSQL's int8 (signed), e.g. to compare with a column read back. */
export function hashTextExtendedInt8(s: string, seed = 0n): bigint {
  const [hi, lo] = hashTextExtended(s, seed);
  return BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(lo));
}

const rot = (x: number, k: number) => (x << k) | (x >>> (32 - k));

function mix(a: number, b: number, c: number): [number, number, number] {
  a = (a - c) | 0; a ^= rot(c, 4); c = (c + b) | 0;
  b = (b - a) | 0; b ^= rot(a, 6); a = (a + c) | 0;
  c = (c - b) | 0; c ^= rot(b, 8); b = (b + a) | 0;
  a = (a - c) | 0; a ^= rot(c, 16); c = (c + b) | 0;
  b = (b - a) | 0; b ^= rot(a, 19); a = (a + c) | 0;
  c = (c - b) | 0; c ^= rot(b, 4); b = (b + a) | 0;
  return [a, b, c];
}

function final(a: number, b: number, c: number): [number, number, number] {
  c ^= b; c = (c - rot(b, 14)) | 0;
  a ^= c; a = (a - rot(c, 11)) | 0;
  b ^= a; b = (b - rot(a, 25)) | 0;
  c ^= b; c = (c - rot(b, 16)) | 0;
  a ^= c; a = (a - rot(c, 4)) | 0;
  b ^= a; b = (b - rot(a, 14)) | 0;
  c ^= b; c = (c - rot(b, 24)) | 0;
  return [a, b, c];
}
