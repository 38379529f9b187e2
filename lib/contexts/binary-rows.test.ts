import { describe, expect, it } from "vitest";
import { BinaryRows } from "./binary-rows";

/** A binary COPY stream of (int4, text) rows, as PostgreSQL writes it. */
function copyBytes(rows: [number, string][]): Buffer {
  const parts = [Buffer.from("PGCOPY\n\xff\r\n\0", "latin1"), Buffer.alloc(8)];
  for (const [n, t] of rows) {
    const text = Buffer.from(t, "utf8");
    const head = Buffer.alloc(2 + 4 + 4 + 4);
    head.writeInt16BE(2, 0);
    head.writeInt32BE(4, 2);
    head.writeInt32BE(n, 6);
    head.writeInt32BE(text.length, 10);
    parts.push(head, text);
  }
  parts.push(Buffer.from([0xff, 0xff]));
  return Buffer.concat(parts);
}

describe("BinaryRows", () => {
  const rows: [number, string][] = Array.from({ length: 300 }, (_, i) => [i * 7919 - 1000, `row ${i} — “ünïcödé” 🎉 ${"x".repeat(i % 97)}`]);
  const bytes = copyBytes(rows);
  const parse = (cuts: number[]) => {
    const p = new BinaryRows<[number, string]>(["int4", "text"], ([n, t]) => [n as number, t as string]);
    let at = 0;
    for (const c of [...cuts, bytes.length]) {
      p.parse(bytes.subarray(at, c));
      at = c;
    }
    return p.finish();
  };

  it("reads every row whatever the chunk boundaries (inside the header, a length, a multi-byte character)", () => {
    expect(parse([])).toEqual(rows);
    for (const step of [1, 3, 7, 64, 1000]) {
      const cuts = [];
      for (let c = step; c < bytes.length; c += step) cuts.push(c);
      expect(parse(cuts)).toEqual(rows);
    }
  });

  it("refuses a stream that ends inside a row", () => {
    const p = new BinaryRows<unknown>(["int4", "text"], (v) => v);
    p.parse(bytes.subarray(0, bytes.length - 10));
    expect(() => p.finish()).toThrow(/inside a row/);
  });
});
