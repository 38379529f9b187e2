/**
 * Snappy (raw block format, as Parquet's SNAPPY codec stores pages) for the Parquet shard writer: the reference
 * algorithm (64 KiB fragments, a 4-byte hash table, literals and copies), ported from snappyjs (MIT, Copyright (c)
 * 2016 Zhipeng Jia). It writes into one buffer sized for the worst case and copies literals with
 * Uint8Array.set, which measured about twice as fast as hyparquet-writer's built-in compressor on news text
 * (docs/benchmarks.md). Any Snappy decoder reads the result; test/dataset/snappy.test.ts round-trips it through
 * hyparquet's.
 */
const BLOCK_SIZE = 1 << 16;
const MAX_HASH_TABLE_BITS = 14;
const INPUT_MARGIN = 15;
const tables: Uint16Array[] = [];

const hash = (key: number, shift: number) => Math.imul(key, 0x1e35a7bd) >>> shift;
const load32 = (a: Uint8Array, p: number) => a[p]! | (a[p + 1]! << 8) | (a[p + 2]! << 16) | (a[p + 3]! << 24);
const equals32 = (a: Uint8Array, p: number, q: number) => a[p] === a[q] && a[p + 1] === a[q + 1] && a[p + 2] === a[q + 2] && a[p + 3] === a[q + 3];

function emitLiteral(input: Uint8Array, ip: number, len: number, out: Uint8Array, op: number): number {
  if (len <= 60) out[op++] = (len - 1) << 2;
  else if (len < 256) {
    out[op++] = 60 << 2;
    out[op++] = len - 1;
  } else {
    out[op++] = 61 << 2;
    out[op++] = (len - 1) & 0xff;
    out[op++] = (len - 1) >>> 8;
  }
  if (len < 16) for (let i = 0; i < len; i++) out[op + i] = input[ip + i]!;
  else out.set(input.subarray(ip, ip + len), op);
  return op + len;
}

function emitCopyLessThan64(out: Uint8Array, op: number, offset: number, len: number): number {
  if (len < 12 && offset < 2048) {
    out[op] = 1 + ((len - 4) << 2) + ((offset >>> 8) << 5);
    out[op + 1] = offset & 0xff;
    return op + 2;
  }
  out[op] = 2 + ((len - 1) << 2);
  out[op + 1] = offset & 0xff;
  out[op + 2] = offset >>> 8;
  return op + 3;
}

function emitCopy(out: Uint8Array, op: number, offset: number, len: number): number {
  while (len >= 68) {
    op = emitCopyLessThan64(out, op, offset, 64);
    len -= 64;
  }
  if (len > 64) {
    op = emitCopyLessThan64(out, op, offset, 60);
    len -= 60;
  }
  return emitCopyLessThan64(out, op, offset, len);
}

function compressFragment(input: Uint8Array, start: number, size: number, out: Uint8Array, op: number): number {
  let bits = 1;
  while (1 << bits <= size && bits <= MAX_HASH_TABLE_BITS) bits++;
  bits--;
  const shift = 32 - bits;
  const table = (tables[bits] ??= new Uint16Array(1 << bits));
  table.fill(0);
  const end = start + size;
  let ip = start;
  let nextEmit = start;
  if (size >= INPUT_MARGIN) {
    const limit = end - INPUT_MARGIN;
    ip++;
    let nextHash = hash(load32(input, ip), shift);
    outer: for (;;) {
      let skip = 32;
      let nextIp = ip;
      let candidate: number;
      do {
        ip = nextIp;
        const h = nextHash;
        nextIp = ip + (skip >>> 5);
        skip++;
        if (ip > limit) break outer;
        nextHash = hash(load32(input, nextIp), shift);
        candidate = start + table[h]!;
        table[h] = ip - start;
      } while (!equals32(input, ip, candidate));
      op = emitLiteral(input, nextEmit, ip - nextEmit, out, op);
      do {
        const base = ip;
        let matched = 4;
        while (ip + matched < end && input[ip + matched] === input[candidate + matched]) matched++;
        ip += matched;
        op = emitCopy(out, op, base - candidate, matched);
        nextEmit = ip;
        if (ip >= limit) break outer;
        table[hash(load32(input, ip - 1), shift)] = ip - 1 - start;
        const h = hash(load32(input, ip), shift);
        candidate = start + table[h]!;
        table[h] = ip - start;
      } while (equals32(input, ip, candidate));
      ip++;
      nextHash = hash(load32(input, ip), shift);
    }
  }
  if (nextEmit < end) op = emitLiteral(input, nextEmit, end - nextEmit, out, op);
  return op;
}

/** Snappy-compresses `input` (the uncompressed length as a varint, then the fragments). */
export function snappyCompress(input: Uint8Array): Uint8Array {
  const out = new Uint8Array(32 + input.length + Math.floor(input.length / 6));
  let op = 0;
  let n = input.length;
  do {
    out[op++] = (n & 0x7f) | (n > 0x7f ? 0x80 : 0);
    n >>>= 7;
  } while (n > 0);
  for (let pos = 0; pos < input.length; pos += BLOCK_SIZE) {
    op = compressFragment(input, pos, Math.min(input.length - pos, BLOCK_SIZE), out, op);
  }
  return out.subarray(0, op);
}
