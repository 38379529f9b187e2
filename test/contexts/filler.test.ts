import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { SegmentRef } from "@/lib/assemble";
import { DbFillerSource } from "@/lib/contexts/filler-source";
import { importFiles } from "@/lib/corpus/importer";
import { pool } from "@/lib/db/client";
import { createRng, type Rng } from "@/lib/random";
import { useTestDatabase } from "../support/db";

/**
 * Issue 11, point 8: filler draws are uniform over the eligible segments whatever the id layout — two corpora
 * imported interleaved, rows deleted, a sparse id range — and follow content, not ids.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "in2-filler-"));
const words = ["river", "market", "council", "harbour", "station", "garden", "bridge", "school", "museum", "tower", "valley", "square"];
const doc = (tag: string, i: number) => `${tag} report ${i}: ${Array.from({ length: 40 }, (_, k) => words[(i * 7 + k * 3) % words.length]).join(" ")}.`;

function file(name: string, texts: string[]): string {
  const f = path.join(dir, name);
  fs.writeFileSync(f, texts.map((text) => JSON.stringify({ text })).join("\n") + "\n");
  return f;
}

/** draw() as the assembler uses it: an attempt that drew uncached segments is fetched and replayed from the same seed. */
async function draw(source: DbFillerSource, rng: () => Rng, exclude: Set<number>, count: number): Promise<SegmentRef[]> {
  for (;;) {
    const { value, error, missing } = source.attempt(() => source.draw(rng(), exclude, count));
    if (missing.length === 0) {
      if (error !== undefined) throw error;
      return value!;
    }
    await source.fetch(missing);
  }
}

const keyOf = async (ids: number[]) => {
  const { rows } = await pool().query<{ id: number; key: string }>(
    `SELECT s.id, d.sha256 || ':' || s.index AS key FROM segment s JOIN document d ON d.id = s.document_id WHERE s.id = ANY($1::int[])`, [ids]);
  const m = new Map(rows.map((r) => [r.id, r.key]));
  return ids.map((id) => m.get(id));
};

let a: number;
let b: number;
let aReversed: number;

beforeAll(async () => {
  await useTestDatabase();
  const aTexts = Array.from({ length: 120 }, (_, i) => doc("alpha", i));
  const bTexts = Array.from({ length: 120 }, (_, i) => doc("beta", i));
  // a and b imported interleaved, in chunks, so their ids alternate in runs
  for (let k = 0; k < 4; k++) {
    a = (await importFiles({ corpus: "alpha", files: [{ path: file(`a${k}.jsonl`, aTexts.slice(k * 30, k * 30 + 30)) }] })).corpusId;
    b = (await importFiles({ corpus: "beta", files: [{ path: file(`b${k}.jsonl`, bTexts.slice(k * 30, k * 30 + 30)) }] })).corpusId;
  }
  // a sparse id range: 20,000 segments of another corpus between alpha's ids, then more alpha
  const { rows: [big] } = await pool().query<{ id: number }>(
    `INSERT INTO corpus (name, tokenizer) VALUES ('bulk', 'mistral') RETURNING id`);
  const { rows: [bulkDoc] } = await pool().query<{ id: number }>(
    `INSERT INTO document (corpus_id, sha256, text, char_count, token_count, segment_count) VALUES ($1, 'bulk', 'x', 1, 1, 20000) RETURNING id`, [big!.id]);
  await pool().query(
    `INSERT INTO segment (document_id, corpus_id, index, text, token_count, char_start, char_end)
     SELECT $1, $2, g, 'x', 1, 0, 1 FROM generate_series(0, 19999) g`, [bulkDoc!.id, big!.id]);
  a = (await importFiles({ corpus: "alpha", files: [{ path: file("a-late.jsonl", [doc("alpha", 500), doc("alpha", 501)]) }] })).corpusId;
  // deletions leave gaps
  await pool().query(`DELETE FROM document WHERE corpus_id = $1 AND text LIKE 'alpha report 1_:%'`, [a]);
  // the same texts as alpha (after the deletion), imported in reverse order in one go: other ids, same content
  const { rows: kept } = await pool().query<{ text: string }>(`SELECT text FROM document WHERE corpus_id = $1 ORDER BY id DESC`, [a]);
  aReversed = (await importFiles({ corpus: "alpha-reversed", files: [{ path: file("rev.jsonl", kept.map((r) => r.text)) }] })).corpusId;
});

describe("filler draws", () => {
  it("are uniform over the eligible segments of interleaved, gapped, sparse id ranges", async () => {
    const source = await DbFillerSource.forCorpus(a);
    const { rows: [n] } = await pool().query<{ n: number; span: number }>(
      `SELECT count(*)::int AS n, (max(id) - min(id) + 1)::int AS span FROM segment WHERE corpus_id = $1`, [a]);
    expect(source.eligible).toBe(n!.n);
    expect(n!.span).toBeGreaterThan(50 * n!.n); // eligible segments are under 2% of their id range
    const counts = new Map<number, number>();
    const draws = 40 * n!.n;
    for (let i = 0; i < draws; i++) {
      const [seg] = await draw(source, () => createRng(`u${i}`), new Set(), 1);
      counts.set(seg!.id, (counts.get(seg!.id) ?? 0) + 1);
    }
    expect(counts.size).toBe(n!.n);
    // chi-square against uniform: df = n − 1 ≈ 105, p = 0.001 critical value ≈ 158
    const expected = draws / n!.n;
    const chi2 = [...counts.values()].reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(158);
  });

  it("never reports a spurious exhaustion: every eligible segment can be drawn in one call", async () => {
    const source = await DbFillerSource.forCorpus(a);
    const all = await draw(source, () => createRng("all"), new Set(), source.eligible);
    expect(new Set(all.map((s) => s.id)).size).toBe(source.eligible);
    // excluding documents removes exactly their segments
    const own = new Set([all[0]!.documentId]);
    const rest = await draw(source, () => createRng("rest"), own, source.eligible);
    expect(rest.length).toBe(source.eligible - all.filter((s) => own.has(s.documentId)).length);
    expect(rest.some((s) => own.has(s.documentId))).toBe(false);
  });

  it("depend on content and seed, not on ids: the same texts imported in another order give the same fillers", async () => {
    const [one, two] = [await DbFillerSource.forCorpus(a), await DbFillerSource.forCorpus(aReversed)];
    for (const seed of ["s1", "s2", "s3"]) {
      const x = await draw(one, () => createRng(seed), new Set(), 25);
      const y = await draw(two, () => createRng(seed), new Set(), 25);
      expect(x.map((s) => s.id)).not.toEqual(y.map((s) => s.id));
      expect(await keyOf(x.map((s) => s.id))).toEqual(await keyOf(y.map((s) => s.id)));
    }
    // and never a segment of another corpus
    const other = await DbFillerSource.forCorpus(b);
    const drawn = await draw(other, () => createRng("b"), new Set(), 50);
    const { rows } = await pool().query<{ corpusId: number }>(`SELECT DISTINCT corpus_id AS "corpusId" FROM segment WHERE id = ANY($1::int[])`, [drawn.map((s) => s.id)]);
    expect(rows).toEqual([{ corpusId: b }]);
  });
});
