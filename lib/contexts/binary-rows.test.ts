import { describe, expect, it } from "vitest";
import { readCopyTuples } from "@/lib/db/binary-copy";
import { BinaryRows } from "./binary-rows";

/** A binary COPY stream of (int4, text) rows, as PostgreSQL writes it; a null text when the string is null. */
function copyBytes(rows: [number, string | null][]): Buffer {
  const parts = [Buffer.from("PGCOPY\n\xff\r\n\0", "latin1"), Buffer.alloc(8)];
  for (const [n, t] of rows) {
    const text = t === null ? null : Buffer.from(t, "utf8");
    const head = Buffer.alloc(2 + 4 + 4 + 4);
    head.writeInt16BE(2, 0);
    head.writeInt32BE(4, 2);
    head.writeInt32BE(n, 6);
    head.writeInt32BE(text === null ? -1 : text.length, 10);
    parts.push(head, ...(text ? [text] : []));
  }
  parts.push(Buffer.from([0xff, 0xff]));
  return Buffer.concat(parts);
}

describe("BinaryRows", () => {
  it("decodes int4 and text fields (multi-byte characters included) into the caller's rows", async () => {
    const rows: [number, string][] = Array.from({ length: 300 }, (_, i) => [i * 7919 - 1000, `row ${i} — “ünïcödé” 🎉 ${"x".repeat(i % 97)}`]);
    const p = new BinaryRows<[number, string]>(["int4", "text"], ([n, t]) => [n as number, t as string]);
    for (const t of await readCopyTuples([copyBytes(rows)])) p.add(t);
    expect(p.rows).toEqual(rows);
  });

  it("refuses a row of the wrong width or with a null", async () => {
    const [row] = await readCopyTuples([copyBytes([[1, null]])]);
    const p = new BinaryRows<unknown>(["int4", "text"], (v) => v);
    expect(() => p.add(row!)).toThrow(/null in column 2/);
    expect(() => new BinaryRows<unknown>(["int4"], (v) => v).add(row!)).toThrow(/2 fields, expected 1/);
  });
});
