import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { importFiles } from "@/lib/corpus/importer";
import { catchUpSearchIndex, pendingSearchSegments } from "@/lib/corpus/search-index";
import { searchIndexJob } from "@/lib/corpus/search-index-job";
import { listDocuments } from "@/lib/corpus/documents";
import { listSegments } from "@/lib/corpus/segments";
import { pool } from "@/lib/db/client";
import { useTestDatabase } from "../support/db";

/**
 * Issue 14: an import writes its segments outside the full-text index; a follow-up indexes them. Search must give
 * the same answer before the follow-up, after a follow-up that died part-way, and after it finished.
 */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "in2-search-follow-up-"));
const doc = (i: number) =>
  `Report ${i} on the harbour works. ${i % 4 === 0 ? "A wombat was seen near the quay." : "Nothing unusual was seen."}\n` +
  `Second paragraph ${i}: the committee approved the budget, and the ${i % 7 === 0 ? "lighthouse" : "pier"} gets repairs.`;

async function corpusId(name: string): Promise<number> {
  return (await pool().query<{ id: number }>(`SELECT id FROM corpus WHERE name = $1`, [name])).rows[0]!.id;
}

/** What search must return: the plain predicate, evaluated on every row without any index. */
async function truth(cid: number, q: string): Promise<number[]> {
  const client = await pool().connect();
  try {
    await client.query("BEGIN");
    await client.query("SET LOCAL enable_indexscan = off; SET LOCAL enable_bitmapscan = off");
    const { rows } = await client.query<{ id: number }>(
      `SELECT id FROM segment WHERE corpus_id = $1 AND to_tsvector('english', text) @@ websearch_to_tsquery('english', $2) ORDER BY id`, [cid, q]);
    await client.query("COMMIT");
    return rows.map((r) => r.id);
  } finally {
    client.release();
  }
}

async function searched(cid: number, q: string): Promise<number[]> {
  const ids: number[] = [];
  for (let after = 0; ;) {
    const page = await listSegments({ corpusId: cid, q, after, limit: 500 });
    ids.push(...page.items.map((s) => s.id));
    if (page.next === null) return ids;
    after = page.next;
  }
}

async function pendingIn(cid: number): Promise<number> {
  return (await pool().query<{ n: number }>(`SELECT count(*)::int AS n FROM segment WHERE corpus_id = $1 AND NOT search_ready`, [cid])).rows[0]!.n;
}

beforeAll(async () => {
  await useTestDatabase();
});

describe("search-index follow-up", () => {
  it("search is the same before, during (after a crash part-way) and after the follow-up, which indexes only new rows", async () => {
    const first = path.join(tmp, "first.jsonl");
    fs.writeFileSync(first, Array.from({ length: 200 }, (_, i) => JSON.stringify({ text: doc(i) })).join("\n"));
    const a = await importFiles({ corpus: "follow-a", files: [{ path: first }] }); // default: follow-up run inline
    expect(a.documents.imported).toBe(200);
    const ca = await corpusId("follow-a");
    expect(await pendingIn(ca)).toBe(0);

    const second = path.join(tmp, "second.jsonl");
    fs.writeFileSync(second, Array.from({ length: 300 }, (_, i) => JSON.stringify({ text: doc(i + 1000) })).join("\n"));
    // as a small import into a big corpus: the full-text index stays, the new rows wait for the follow-up
    process.env.IN2_IMPORT_DEFER_INDEX_BYTES = "never";
    const b = await importFiles({ corpus: "follow-b", files: [{ path: second }], buildIndexes: false })
      .finally(() => { delete process.env.IN2_IMPORT_DEFER_INDEX_BYTES; });
    expect(b.documents.imported).toBe(300);
    expect(b.searchIndexSeconds).toBe(0);
    const cb = await corpusId("follow-b");
    const written = (await pool().query<{ n: number }>(`SELECT count(*)::int AS n FROM segment WHERE corpus_id = $1`, [cb])).rows[0]!.n;
    // the rows are committed but not indexed; the earlier corpus is untouched (no rebuild of the whole index)
    expect(await pendingIn(cb)).toBe(written);
    expect(await pendingIn(ca)).toBe(0);

    const queries = ["wombat", "lighthouse repairs", "harbour -wombat"];
    const expected = new Map<string, number[]>();
    for (const q of queries) {
      expected.set(q, await truth(cb, q));
      expect(expected.get(q)!.length).toBeGreaterThan(0);
      expect(await searched(cb, q)).toEqual(expected.get(q));
    }
    const docs = await listDocuments({ corpusId: cb, q: "wombat", limit: 500 });
    expect(docs.items.length).toBe(75);

    // a follow-up that dies after its first batch: what it committed stays, search is still right
    process.env.IN2_SEARCH_INDEX_BATCH = "100";
    try {
      await expect(catchUpSearchIndex({ onProgress: () => { throw new Error("worker died"); } })).rejects.toThrow("worker died");
      const left = await pendingIn(cb);
      expect(left).toBe(written - 100);
      for (const q of queries) expect(await searched(cb, q)).toEqual(expected.get(q));

      // the job resumes and finishes
      const progress: { done?: number; total?: number }[] = [];
      const ctx = {
        jobId: 0, workerId: "test", signal: new AbortController().signal, cancelled: () => false, log: () => {},
        progress: async (p: { done?: number; total?: number }) => { progress.push(p); },
      };
      const r = await searchIndexJob.run(ctx, {});
      expect(r.segments).toBe(left);
      expect(progress.at(-1)).toMatchObject({ done: left, total: left });
    } finally {
      delete process.env.IN2_SEARCH_INDEX_BATCH;
    }
    expect(await pendingSearchSegments()).toBe(0);
    for (const q of queries) expect(await searched(cb, q)).toEqual(expected.get(q));
    expect((await listDocuments({ corpusId: cb, q: "wombat", limit: 500 })).items.length).toBe(75);
    // nothing pending: a no-op
    expect(await catchUpSearchIndex()).toEqual({ seconds: 0, segments: 0 });
  });

  it("an import at least half the size of the segment table writes its rows ready and drops the full-text index for one build after", async () => {
    const big = path.join(tmp, "big.jsonl");
    fs.writeFileSync(big, Array.from({ length: 3000 }, (_, i) => JSON.stringify({ text: doc(i + 5000) })).join("\n"));
    const c = await importFiles({ corpus: "follow-c", files: [{ path: big }], buildIndexes: false });
    expect(c.documents.imported).toBe(3000);
    const cc = await corpusId("follow-c");
    expect(await pendingIn(cc)).toBe(0);
    expect((await pool().query(`SELECT to_regclass('segment_text_fts_idx') IS NULL AS gone`)).rows[0].gone).toBe(true);
    const expected = await truth(cc, "wombat");
    expect(await searched(cc, "wombat")).toEqual(expected);
    expect((await catchUpSearchIndex()).seconds).toBeGreaterThan(0);
    expect((await pool().query(`SELECT to_regclass('segment_text_fts_idx') IS NULL AS gone`)).rows[0].gone).toBe(false);
    expect(await searched(cc, "wombat")).toEqual(expected);
  });

  it("the search plan reads the full-text index for ready rows and the pending index for the others", async () => {
    const client = await pool().connect();
    try {
      await client.query("BEGIN");
      await client.query("SET LOCAL enable_seqscan = off");
      const { rows } = await client.query<{ "QUERY PLAN": string }>(
        `EXPLAIN SELECT s.id FROM segment s WHERE ((s.search_ready AND to_tsvector('english', s.text) @@ websearch_to_tsquery('english', 'wombat'))
           OR (NOT s.search_ready AND to_tsvector('english', s.text) @@ websearch_to_tsquery('english', 'wombat')))`);
      await client.query("COMMIT");
      const plan = rows.map((r) => r["QUERY PLAN"]).join("\n");
      expect(plan).toContain("segment_text_fts_idx");
      expect(plan).toContain("segment_search_pending_idx");
    } finally {
      client.release();
    }
  });
});
