import fs from "node:fs";
import zlib from "node:zlib";
import { snappyUncompress } from "hyparquet";
import { describe, expect, it } from "vitest";
import { snappyCompress } from "@/lib/dataset/snappy";

/** Decompressed with hyparquet's reader (an independent implementation), every input comes back byte for byte. */
function roundTrip(input: Uint8Array): Uint8Array {
  const compressed = snappyCompress(input);
  const out = new Uint8Array(input.length);
  snappyUncompress(compressed, out);
  return out;
}

describe("Snappy for Parquet shards", () => {
  const news = zlib.gunzipSync(fs.readFileSync("data/demo/c4-realnewslike-1000.jsonl.gz"));

  it("round-trips news text across many 64 KiB fragments and compresses it", () => {
    const input = new Uint8Array(news.subarray(0, 1 << 20));
    expect(Buffer.from(roundTrip(input)).equals(Buffer.from(input))).toBe(true);
    expect(snappyCompress(input).length).toBeLessThan(input.length * 0.75);
  });

  it("round-trips the edges: empty, shorter than the input margin, one byte over a fragment, runs, random bytes", () => {
    const random = new Uint8Array(70_001);
    for (let i = 0, x = 1; i < random.length; i++) random[i] = (x = Math.imul(x, 1103515245) + 12345) >>> 24;
    const cases = [new Uint8Array(0), new Uint8Array([1, 2, 3]), new Uint8Array(news.subarray(0, 65_537)), new Uint8Array(300_000).fill(7), random];
    for (const input of cases) expect(Buffer.from(roundTrip(input)).equals(Buffer.from(input))).toBe(true);
    // a run of one byte becomes a handful of copies; random bytes cannot shrink and grow only by the literal headers
    expect(snappyCompress(cases[3]!).length).toBeLessThan(20_000);
    expect(snappyCompress(random).length).toBeLessThan(random.length + 32 + random.length / 6);
  });
});
