import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { importFiles } from "@/lib/corpus/importer";
import { SEARCH_INDEX } from "@/lib/corpus/search-index";
import { listSegments } from "@/lib/corpus/segments";
import { pool } from "@/lib/db/client";
import { useTestDatabase } from "../support/db";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "in2-import-copy-"));
const body = (i: number) =>
  `Paragraph ${i} with a tab\there, a backslash \\ and a literal \\N, a carriage return\r inside, quotes "x" and émoji 🎉. ` +
  "The council voted on the budget for road repairs, schools and the library; residents spoke for an hour.\n" +
  `Second paragraph of ${i}: more detail about the vote, the amendments and what happens next week.`;

beforeAll(async () => {
  await useTestDatabase();
});

describe("import writes with COPY", () => {
  // first: on an empty segment table a big import always defers the index
  it("a big import builds the full-text index after writing, and search finds every row with or without it", async () => {
    const indexed = async () => (await pool().query(`SELECT count(*)::int AS n FROM pg_indexes WHERE indexname = $1`, [SEARCH_INDEX])).rows[0].n;
    const file = path.join(tmp, "big.jsonl");
    fs.writeFileSync(file, Array.from({ length: 300 }, (_, i) => JSON.stringify({ text: `${body(i + 5000)} Zanzibarian${i % 3 === 0 ? " quokka" : ""}.` })).join("\n"));
    process.env.IN2_IMPORT_DEFER_INDEX_BYTES = "1"; // every import counts as big here
    try {
      const s = await importFiles({ corpus: "copy-big", files: [{ path: file }] });
      expect(s.documents.imported).toBe(300);
      expect(s.searchIndexSeconds).toBeGreaterThan(0); // dropped before writing, built after
    } finally {
      delete process.env.IN2_IMPORT_DEFER_INDEX_BYTES;
    }
    expect(await indexed()).toBe(1);
    const { rows: [{ id: corpusId }] } = await pool().query(`SELECT id FROM corpus WHERE name = 'copy-big'`);
    const hits = async () => {
      let n = 0;
      for (let after = 0; ;) {
        const page = await listSegments({ corpusId, q: "quokka", after, limit: 500 });
        n += page.items.length;
        if (page.next === null) return n;
        after = page.next;
      }
    };
    const { rows: [{ n: expected }] } = await pool().query(
      `SELECT count(*)::int AS n FROM segment WHERE corpus_id = $1 AND text LIKE '%quokka%'`, [corpusId]);
    expect(expected).toBeGreaterThanOrEqual(100);
    expect(await hits()).toBe(expected);
    // while the index is away (an import building it later), the same search scans and finds the same rows
    await pool().query(`DROP INDEX ${SEARCH_INDEX}`);
    expect(await hits()).toBe(expected);
    const smallFile = path.join(tmp, "small.jsonl");
    fs.writeFileSync(smallFile, JSON.stringify({ text: body(1) }));
    // a small import leaves the index in place (or, as here, brings a missing one back)
    const small = await importFiles({ corpus: "copy-big", files: [{ path: smallFile }] });
    expect(small.searchIndexSeconds).toBeGreaterThan(0);
    expect(await indexed()).toBe(1);
    const again = await importFiles({ corpus: "copy-big", files: [{ path: smallFile }] });
    expect(again.searchIndexSeconds).toBe(0);
  });
  it.each(["here", "server"])("stores texts, separators and metadata byte for byte whatever characters they hold (key hashes computed %s)", async (where) => {
    const file = path.join(tmp, "odd.jsonl");
    fs.writeFileSync(file, Array.from({ length: 5 }, (_, i) => JSON.stringify({ text: body(i), note: `tab\there\\N${i}` })).join("\n"));
    if (where === "server") process.env.IN2_IMPORT_KEY_HASH = "server";
    const s = await importFiles({ corpus: `copy-odd-${where}`, files: [{ path: file }] }).finally(() => delete process.env.IN2_IMPORT_KEY_HASH);
    expect(s.documents.imported).toBe(5);
    const { rows } = await pool().query<{ text: string; meta: { note: string }; rebuilt: string }>(
      `SELECT d.text, d.meta, (SELECT string_agg(s.sep_before || s.text, '' ORDER BY s.index) FROM segment s WHERE s.document_id = d.id) AS rebuilt
       FROM document d WHERE d.corpus_id = $1 ORDER BY d.source_line`, [s.corpusId]);
    expect(rows.map((r) => r.text)).toEqual([0, 1, 2, 3, 4].map(body));
    expect(rows.map((r) => r.rebuilt)).toEqual([0, 1, 2, 3, 4].map(body));
    expect(rows[3]!.meta.note).toBe("tab\there\\N3");
    const { rows: keys } = await pool().query<{ bad: number }>(
      `SELECT count(*)::int AS bad FROM segment s JOIN document d ON d.id = s.document_id
       WHERE s.corpus_id = $1 AND s.key_hash IS DISTINCT FROM hashtextextended(d.sha256 || ':' || s.index, 0)`, [s.corpusId]);
    expect(keys[0]!.bad).toBe(0);
  });

  it("stores document texts without pglz (lz4 where the server has it, else as they are), and reads them back whole", async () => {
    const file = path.join(tmp, "long.jsonl");
    const long = Array.from({ length: 40 }, (_, i) => body(i)).join("\n");
    fs.writeFileSync(file, JSON.stringify({ text: long }));
    const s = await importFiles({ corpus: "copy-storage", files: [{ path: file }] });
    const { rows: [d] } = await pool().query<{ text: string; how: string | null; bytes: number }>(
      `SELECT text, pg_column_compression(text) AS how, pg_column_size(text) AS bytes FROM document WHERE corpus_id = $1`, [s.corpusId]);
    expect(d!.text).toBe(long);
    expect(d!.how).not.toBe("pglz");
    expect(d!.how === "lz4" || d!.bytes >= Buffer.byteLength(long)).toBe(true);
  });

  it("skips a document PostgreSQL cannot store (a NUL character) with its line and reason, and imports the rest", async () => {
    const file = path.join(tmp, "nul.jsonl");
    const lines = [
      JSON.stringify({ text: body(900) }),
      JSON.stringify({ text: `${body(901)} a NUL \u0000 here` }),
      JSON.stringify({ text: body(902), note: "meta with a NUL \u0000" }),
      JSON.stringify({ text: `${body(903)} and a lone surrogate \ud800 made U+FFFD`, note: "lone \udc00 too" }),
    ];
    fs.writeFileSync(file, lines.join("\n"));
    const s = await importFiles({ corpus: "copy-nul", files: [{ path: file }] });
    expect(s.documents.imported).toBe(2);
    expect(s.skipped.map((k) => [k.line, k.reason])).toEqual([
      [2, expect.stringMatching(/NUL/)],
      [3, expect.stringMatching(/NUL/)],
    ]);
    const { rows } = await pool().query<{ source_line: number; text: string }>(
      `SELECT source_line, text FROM document WHERE corpus_id = $1 ORDER BY source_line`, [s.corpusId]);
    expect(rows.map((r) => r.source_line)).toEqual([1, 4]);
    expect(rows[1]!.text).toBe(`${body(903)} and a lone surrogate \ufffd made U+FFFD`);
    const { rows: [m] } = await pool().query(`SELECT meta FROM document WHERE corpus_id = $1 AND source_line = 4`, [s.corpusId]);
    expect(m.meta.note).toBe("lone \ufffd too");
  });

  it("two imports of the same file at once store every document once, with counters that match", async () => {
    const file = path.join(tmp, "race.jsonl");
    fs.writeFileSync(file, Array.from({ length: 1200 }, (_, i) => JSON.stringify({ text: body(i + 100) })).join("\n"));
    const [a, b] = await Promise.all([
      importFiles({ corpus: "copy-race", files: [{ path: file }] }),
      importFiles({ corpus: "copy-race", files: [{ path: file }] }),
    ]);
    expect(a.documents.imported + b.documents.imported).toBe(1200);
    expect(a.documents.duplicates + b.documents.duplicates).toBe(1200);
    const { rows } = await pool().query<{ docs: number; segs: number; dc: number; sc: number }>(
      `SELECT (SELECT count(*)::int FROM document WHERE corpus_id = c.id) AS docs, (SELECT count(*)::int FROM segment WHERE corpus_id = c.id) AS segs,
         c.document_count::int AS dc, c.segment_count::int AS sc FROM corpus c WHERE c.name = 'copy-race'`);
    expect(rows[0]!.docs).toBe(1200);
    expect(rows[0]!.dc).toBe(1200);
    expect(rows[0]!.sc).toBe(rows[0]!.segs);
  });

});
