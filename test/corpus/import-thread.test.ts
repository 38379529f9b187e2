import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { importFiles } from "@/lib/corpus/importer";
import { ensureIndexes, maybeDeferIndexes, SEARCH_INDEX } from "@/lib/corpus/search-index";
import { pool } from "@/lib/db/client";
import { useTestDatabase } from "../support/db";

/**
 * Issue 14 levers keep imports exact: the segmentation thread cuts exactly what the in-process path cuts, and the
 * secondary indexes a big import drops come back with the same definitions (also after an import that died).
 */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "in2-import-thread-"));
const para = (i: number, j: number) =>
  `Paragraph ${j} of story ${i}: the council met on Tuesday to vote on the budget for road repairs, schools and the ` +
  `library, and residents spoke for an hour about bus routes, a park, tabs\tand backslashes \\ and émoji 🎉 ${i * 7 + j}.`;
const story = (i: number) => Array.from({ length: 2 + (i % 6) }, (_, j) => para(i, j)).join(i % 2 ? "\n" : "\n\n");

const badLines: number[] = [];
function writeFile(name: string): string {
  const lines: string[] = [];
  for (let i = 0; i < 900; i++) {
    lines.push(JSON.stringify({ text: story(i), url: `https://example.org/${i}` }));
    if (i % 300 === 150) badLines.push(lines.push("{not json"));
    if (i % 250 === 200) lines.push(JSON.stringify({ text: story(i - 100) })); // a repeat in a later batch
  }
  const file = path.join(tmp, name);
  fs.writeFileSync(file, lines.join("\n"));
  return file;
}

const indexDefs = async () => (await pool().query<{ def: string }>(
  `SELECT indexdef AS def FROM pg_indexes WHERE tablename IN ('document', 'segment') ORDER BY indexname`)).rows.map((r) => r.def);

const contents = async (corpus: string) => (await pool().query<{ row: string }>(
  `SELECT concat_ws('|', d.sha256, d.text, d.meta::text, d.char_count, d.token_count, d.segment_count, d.key_hash,
     (SELECT string_agg(concat_ws('|', s.index, s.text, s.token_count, s.char_start, s.char_end, s.sep_before, s.key_hash), '#' ORDER BY s.index)
      FROM segment s WHERE s.document_id = d.id)) AS row
   FROM document d JOIN corpus c ON c.id = d.corpus_id WHERE c.name = $1 ORDER BY d.sha256`, [corpus])).rows.map((r) => r.row);

beforeAll(async () => {
  await useTestDatabase();
  process.env.IN2_IMPORT_BATCH_DOCS = "100"; // several batches in flight on a small file
});

afterEach(() => {
  delete process.env.IN2_IMPORT_THREAD;
  delete process.env.IN2_IMPORT_DEFER_INDEX_BYTES;
});

describe("import levers keep the result exact", () => {
  it("the segmentation thread and deferred indexes give the same documents and segments as the plain path", async () => {
    const file = writeFile("stories.jsonl");
    const before = await indexDefs();
    const skips: number[] = [];
    process.env.IN2_IMPORT_THREAD = "1";
    process.env.IN2_IMPORT_DEFER_INDEX_BYTES = "1"; // every import counts as big: indexes dropped, built after
    const threaded = await importFiles({ corpus: "threaded", files: [{ path: file }], onSkip: (s) => skips.push(s.line) });
    expect(threaded.searchIndexSeconds).toBeGreaterThan(0);
    expect(await indexDefs()).toEqual(before);
    expect((await pool().query(`SELECT count(*)::int AS n FROM deferred_index`)).rows[0].n).toBe(0);

    process.env.IN2_IMPORT_THREAD = "0";
    delete process.env.IN2_IMPORT_DEFER_INDEX_BYTES;
    const plain = await importFiles({ corpus: "plain", files: [{ path: file }] });

    expect(threaded.documents).toEqual({ imported: 900, duplicates: 3 });
    expect(plain.documents).toEqual(threaded.documents);
    expect(plain.segments).toBe(threaded.segments);
    expect(skips).toEqual(threaded.skipped.map((s) => s.line));
    expect(threaded.skipped.map((s) => s.line)).toEqual(badLines);
    expect(badLines).toHaveLength(3);
    const [a, b] = [await contents("threaded"), await contents("plain")];
    expect(a).toHaveLength(900);
    expect(a).toEqual(b);

    // re-importing with the thread adds nothing (de-duplication by sha256 while the indexes are away)
    process.env.IN2_IMPORT_THREAD = "1";
    process.env.IN2_IMPORT_DEFER_INDEX_BYTES = "1";
    const again = await importFiles({ corpus: "threaded", files: [{ path: file }] });
    expect(again.documents).toEqual({ imported: 0, duplicates: 903 });
  });

  it("indexes dropped by an import that died are recorded and built again with the same definitions", async () => {
    const before = await indexDefs();
    expect(await maybeDeferIndexes(Number.MAX_SAFE_INTEGER)).toBe(true);
    const { rows } = await pool().query<{ name: string }>(`SELECT name FROM deferred_index ORDER BY name`);
    expect(rows.map((r) => r.name)).toContain(SEARCH_INDEX);
    expect(rows.map((r) => r.name)).toContain("segment_corpus_id_key_hash_idx");
    const during = await indexDefs();
    expect(during.some((d) => d.includes("UNIQUE INDEX document_corpus_id_sha256_key"))).toBe(true); // de-duplication keeps its index
    expect(during.length).toBe(before.length - rows.length);
    // the seeded walk still finds rows without its index (a scan), and search too
    const { rows: [hit] } = await pool().query(`SELECT count(*)::int AS n FROM segment WHERE to_tsvector('english', text) @@ plainto_tsquery('english', 'council')`);
    expect(hit.n).toBeGreaterThan(0);
    expect(await ensureIndexes()).toBeGreaterThan(0);
    expect(await indexDefs()).toEqual(before);
    expect(await ensureIndexes()).toBe(0);
  });
});
