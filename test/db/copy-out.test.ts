import type { PoolClient } from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { to as copyTo } from "pg-copy-streams";
import { readCopyTuples, type CopyTuple, type PiecewiseTuple } from "@/lib/db/binary-copy";
import { pool } from "@/lib/db/client";
import { copyOutRows } from "@/lib/db/copy-out";
import { useTestDatabase } from "../support/db";

/**
 * copyOutRows reads binary COPY output off the socket itself, in place of pg-copy-streams: rows must be the same as
 * through pg-copy-streams, fields of any size (straddling many socket reads), and whatever goes wrong (an error in
 * the middle of the COPY, a throwing consumer) must leave the connection usable for the next query.
 */
const ROWS = `SELECT i, repeat(chr(65 + i % 26) || 'é😀', CASE WHEN i % 5 = 0 THEN 90000 ELSE i * 37 END),
                     CASE WHEN i % 3 = 0 THEN NULL ELSE i::text END, ''::text FROM generate_series(1, 40) i`;
const hex = (rows: (Buffer | Buffer[] | null)[][]) => rows.map((f) => f.map((b) => (b === null ? null : (Array.isArray(b) ? Buffer.concat(b) : b).toString("hex"))));

async function withClient<T>(fn: (c: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool().connect();
  try {
    return await fn(client);
  } finally {
    client.release();
  }
}

beforeAll(async () => {
  await useTestDatabase();
});

describe("copyOutRows", () => {
  it("gives the rows pg-copy-streams gives, with fields of 360 KB whole or in their pieces", async () => {
    const sql = `COPY (${ROWS}) TO STDOUT (FORMAT binary)`;
    const reference = hex(await withClient(async (c) => readCopyTuples(c.query(copyTo(sql)) as AsyncIterable<Buffer>)));
    expect(reference).toHaveLength(40);
    const joined: CopyTuple[] = [];
    const piecewise: PiecewiseTuple[] = [];
    await withClient(async (c) => {
      expect(await copyOutRows(c, sql, (r) => joined.push(r))).toBe(40);
      expect(await copyOutRows(c, sql, (r) => piecewise.push(r), true)).toBe(40);
    });
    expect(hex(joined)).toEqual(reference);
    expect(hex(piecewise)).toEqual(reference);
    expect(joined.every((r) => r.every((f) => f === null || Buffer.isBuffer(f)))).toBe(true);
    // the 360 KB texts straddle socket reads: kept in pieces when asked
    expect(piecewise.filter((r) => Array.isArray(r[1])).length).toBeGreaterThan(0);
    expect(Buffer.from(reference[4]![1]!, "hex").toString("utf8")).toBe("Fé😀".repeat(90000));
    expect(reference[0]![3]).toBe("");
  });

  it("reports an error raised in the middle of the COPY, and the connection goes on", async () => {
    await withClient(async (c) => {
      const seen: number[] = [];
      await expect(copyOutRows(c, `COPY (SELECT i, repeat('x', 50000), 10 / (30 - i) FROM generate_series(1, 40) i) TO STDOUT (FORMAT binary)`,
        (r) => seen.push(r[0]!.readInt32BE(0)))).rejects.toThrow(/division by zero/);
      expect(seen.length).toBeLessThan(30);
      expect((await c.query(`SELECT 41 AS n`)).rows[0]).toEqual({ n: 41 });
    });
  });

  it("passes over notices sent between rows", async () => {
    await withClient(async (c) => {
      await c.query(`CREATE FUNCTION pg_temp.noisy(i int) RETURNS int LANGUAGE plpgsql AS $$ BEGIN RAISE NOTICE 'row %', i; RETURN i; END $$`);
      const ids: number[] = [];
      await copyOutRows(c, `COPY (SELECT pg_temp.noisy(i), repeat('y', 20000) FROM generate_series(1, 30) i) TO STDOUT (FORMAT binary)`,
        (r) => ids.push(r[0]!.readInt32BE(0)));
      expect(ids).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    });
  });

  it("a consumer that throws stops its rows, the COPY is read to its end, and the connection goes on", async () => {
    await withClient(async (c) => {
      let calls = 0;
      await expect(copyOutRows(c, `COPY (${ROWS}) TO STDOUT (FORMAT binary)`, () => {
        if (++calls === 5) throw new Error("consumer gave up");
      })).rejects.toThrow("consumer gave up");
      expect(calls).toBe(5);
      const after: CopyTuple[] = [];
      await copyOutRows(c, `COPY (SELECT 7) TO STDOUT (FORMAT binary)`, (r) => after.push(r));
      expect(after.map((r) => r[0]!.readInt32BE(0))).toEqual([7]);
    });
  });

  it("refuses a statement that is not a COPY TO STDOUT, and the connection goes on", async () => {
    await withClient(async (c) => {
      await expect(copyOutRows(c, `SELECT 1`, () => {})).rejects.toThrow(/COPY/);
      await expect(copyOutRows(c, `COPY (SELECT nope) TO STDOUT (FORMAT binary)`, () => {})).rejects.toThrow(/nope/);
      expect((await c.query(`SELECT 2 AS n`)).rows[0]).toEqual({ n: 2 });
    });
  });
});
