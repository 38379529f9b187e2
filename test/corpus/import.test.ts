import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { pool } from "@/lib/db/client";
import { importFiles } from "@/lib/corpus/importer";
import { LIMITS } from "@/lib/corpus/records";
import { getTokenizer } from "@/lib/tokenize";
import { useTestDatabase } from "../support/db";
import { runCli } from "../support/cli";

const FIX = path.join(process.cwd(), "data", "fixtures", "c4-gz");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "in2-import-"));
const write = (name: string, content: string | Buffer) => {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, content);
  return p;
};
const doc = (text: string, extra: object = {}) => JSON.stringify({ text, ...extra });

beforeAll(async () => {
  await useTestDatabase();
});

describe("import", () => {
  it("reads gzipped C4 with a `date` field and Paloma files with extra fields, keeping the metadata", async () => {
    const s = await importFiles({ corpus: "gz", files: [1, 2, 3].map((i) => ({ path: path.join(FIX, `c4-sample.0${i}.json.gz`) })) });
    expect(s.documents).toEqual({ imported: 30, duplicates: 0 });
    expect(s.skipped).toEqual([]);
    const { rows } = await pool().query<{ meta: Record<string, unknown> }>(`SELECT meta FROM document WHERE corpus_id = $1 ORDER BY id LIMIT 1`, [s.corpusId]);
    expect(rows[0]!.meta).toHaveProperty("date");
    expect(rows[0]!.meta).not.toHaveProperty("text");

    const paloma = await importFiles({ corpus: "paloma", files: [{ path: path.join(FIX, "c4_100_domains_5_www.theguardian.com_00000000.jsonl.gz") }] });
    expect(paloma.documents.imported).toBe(10);
    const { rows: p } = await pool().query<{ meta: Record<string, unknown> }>(`SELECT meta FROM document WHERE corpus_id = $1 LIMIT 1`, [paloma.corpusId]);
    expect(p[0]!.meta).toHaveProperty("id");
    expect(p[0]!.meta).toHaveProperty("source");
  });

  it("reports every bad line with its number and reason and imports the rest", async () => {
    const good = "A paragraph about the city council budget vote on Tuesday.\nA second paragraph with more detail.";
    const lines = [
      doc(good, { url: "u1" }),                           // 1 ok
      "{not json",                                        // 2 invalid JSON
      JSON.stringify({ body: "no text field" }),          // 3 missing text
      doc("   "),                                         // 4 empty text
      "",                                                 // 5 blank: ignored silently (not a record)
      JSON.stringify([1, 2]),                             // 6 not an object
      JSON.stringify({ text: 42 }),                       // 7 not a string
      doc("x".repeat(200), { pad: "y".repeat(1000) }),    // 8 over the size limit (set below)
      doc("Another fine document about a harbour festival.", { url: "u9" }), // 9 ok
    ];
    const buf = Buffer.concat([
      Buffer.from(lines.slice(0, 8).join("\n") + "\n"),
      Buffer.from([0x7b, 0x22, 0x74, 0x65, 0x78, 0x74, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d, 0x0a]), // 9: {"text":"\xff\xfe"} invalid UTF-8
      Buffer.from(lines[8] + "\n"),
    ]);
    const file = write("bad.jsonl", buf);
    const saved = LIMITS.maxLineBytes;
    LIMITS.maxLineBytes = 1000;
    try {
      const s = await importFiles({ corpus: "bad", files: [{ path: file }] });
      expect(s.documents.imported).toBe(2);
      expect(s.skipped.map((k) => [k.line, k.reason.replace(/:.*/, "")])).toEqual([
        [2, "invalid JSON"],
        [3, 'missing text field "text"'],
        [4, 'empty text field "text"'],
        [6, "not a JSON object"],
        [7, 'text field "text" is not a string'],
        [8, "line is longer than the limit of 1000 bytes"],
        [9, "invalid UTF-8"],
      ]);
      expect(s.skipped.every((k) => k.file === "bad.jsonl")).toBe(true);
    } finally {
      LIMITS.maxLineBytes = saved;
    }
  });

  it("adds nothing when the same file is imported twice (documents are de-duplicated by content)", async () => {
    const file = write("dup.jsonl.gz", zlib.gzipSync([doc("Same text one."), doc("Same text two."), doc("Same text one.")].join("\n")));
    const a = await importFiles({ corpus: "dup", files: [{ path: file }] });
    expect(a.documents).toEqual({ imported: 2, duplicates: 1 });
    const b = await importFiles({ corpus: "dup", files: [{ path: file }] });
    expect(b.documents).toEqual({ imported: 0, duplicates: 3 });
    expect(b.segments).toBe(0);
    const { rows } = await pool().query<{ n: number; counter: number }>(
      `SELECT count(*)::int AS n, max(c.document_count) AS counter FROM document d JOIN corpus c ON c.id = d.corpus_id WHERE c.name = 'dup'`);
    expect(rows[0]).toEqual({ n: 2, counter: 2 });
  });

  it("imports a .txt file as one document, its paragraphs kept", async () => {
    const file = write("letter.txt", "Dear editor,\nThe bridge on Mill Road has been closed for six weeks.\n");
    const s = await importFiles({ corpus: "txt", files: [{ path: file }] });
    expect(s.documents.imported).toBe(1);
    const { rows } = await pool().query<{ text: string; meta: object }>(`SELECT text, meta FROM document WHERE corpus_id = $1`, [s.corpusId]);
    expect(rows[0]).toEqual({ text: "Dear editor,\nThe bridge on Mill Road has been closed for six weeks.", meta: { filename: "letter.txt" } });
  });

  it("stores segments that rebuild the document with their separators, each ≥128 tokens by the corpus tokenizer", async () => {
    const s = await importFiles({ corpus: "demo", files: [{ path: path.join(process.cwd(), "data", "demo", "c4-realnewslike-1000.jsonl.gz") }] });
    expect(s.documents.imported).toBe(1000);
    const tok = await getTokenizer("mistral");
    const { rows } = await pool().query<{ text: string; token_count: number; segs: { text: string; sep: string; n: number; s: number; e: number }[] }>(
      `SELECT d.text, d.token_count, json_agg(json_build_object('text', s.text, 'sep', s.sep_before, 'n', s.token_count, 's', s.char_start, 'e', s.char_end) ORDER BY s.index) AS segs
       FROM document d JOIN segment s ON s.document_id = d.id WHERE d.corpus_id = $1 GROUP BY d.id`, [s.corpusId]);
    expect(rows.length).toBe(1000);
    let segments = 0;
    let cut = 0;
    for (const r of rows) {
      expect(r.segs.map((x) => x.sep + x.text).join("")).toBe(r.text);
      if (r.segs.some((x) => x.sep !== "\n" && x.sep !== "")) cut++;
      const cps = Array.from(r.text);
      for (const x of r.segs) {
        segments++;
        expect(x.n).toBe(tok.count(x.text));
        if (r.segs.length > 1) expect(x.n).toBeGreaterThanOrEqual(128);
        expect(cps.slice(x.s, x.e).join("")).toBe(x.text);
      }
    }
    expect(segments).toBe(s.segments);
    expect(cut).toBeGreaterThan(0); // the demo corpus has paragraphs over 256 tokens; they were cut at sentences
  });

  it("cuts one-line articles at sentences (--max-paragraph-tokens, kept on the corpus) and refuses to mix bounds", async () => {
    const sentence = (k: number) => `On Nov. ${k}, Mr. Smith of the U.S. Senate said the city council would spend $${k}.5m on ${k * 10} new buses.`;
    const article = Array.from({ length: 60 }, (_, k) => sentence(k + 1)).join("  ");
    const file = write("oneline.jsonl", `${doc(article)}\n`);
    const r = await runCli(["import", file, "--corpus", "oneline", "--max-paragraph-tokens", "200"]);
    expect(r.code).toBe(0);
    const { rows: corpus } = await pool().query<{ id: number; max: number | null }>(`SELECT id, max_paragraph_tokens AS max FROM corpus WHERE name = 'oneline'`);
    expect(corpus[0]!.max).toBe(200);
    const { rows: segs } = await pool().query<{ text: string; sep: string; n: number; s: number; e: number }>(
      `SELECT text, sep_before AS sep, token_count AS n, char_start AS s, char_end AS e FROM segment WHERE corpus_id = $1 ORDER BY index`, [corpus[0]!.id]);
    expect(segs.length).toBeGreaterThan(5);
    expect(segs.map((x) => x.sep + x.text).join("")).toBe(article);
    expect(segs.slice(1).map((x) => x.sep)).toEqual(segs.slice(1).map(() => "  "));
    const cps = Array.from(article);
    for (const x of segs) {
      expect(x.text).toMatch(/^On Nov\. \d+, .* new buses\.$/); // whole sentences, never cut at "Nov." or "Mr."
      expect(x.n).toBeGreaterThanOrEqual(128);
      expect(cps.slice(x.s, x.e).join("")).toBe(x.text);
    }

    const clash = await runCli(["import", file, "--corpus", "oneline", "--max-paragraph-tokens", "0"]);
    expect(clash.code).not.toBe(0);
    expect(clash.stderr).toMatch(/cuts paragraphs over 200 tokens/);
    const bad = await runCli(["import", file, "--corpus", "other", "--max-paragraph-tokens", "lots"]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--max-paragraph-tokens takes a whole number/);
  });
});

describe("in2 import (CLI)", () => {
  it("prints the summary as JSON on stdout and progress on stderr", async () => {
    const file = write("cli.jsonl", [doc("A story about a new library opening downtown."), "oops"].join("\n"));
    const r = await runCli(["import", file, "--corpus", "cli"]);
    expect(r.code).toBe(0);
    expect(r.json).toEqual({ corpus: "cli", license: "unknown", documents: { imported: 1, duplicates: 0 }, segments: 1, contaminated: 0, skipped: [{ file: "cli.jsonl", line: 2, reason: expect.stringMatching(/^invalid JSON/) }] });
    expect(r.stderr).toContain("skipped cli.jsonl:2: invalid JSON");
  });

  it("exits non-zero with a clear message for a missing file or a file that is not JSON Lines", async () => {
    const missing = await runCli(["import", path.join(tmp, "nope.jsonl")]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/nope\.jsonl: file not found/);
    const csv = write("table.csv", Array.from({ length: 80 }, (_, i) => `${i},name ${i},value`).join("\n"));
    const notJsonl = await runCli(["import", csv, "--corpus", "csv"]);
    expect(notJsonl.code).not.toBe(0);
    expect(notJsonl.stderr).toMatch(/table\.csv: not JSON Lines/);
  });
});

describe("bounded input", () => {
  it("refuses a gzip decompression bomb with a clear error instead of filling memory or disk", async () => {
    // 200 MB of zeros compresses to ~200 KB: a 1000× expansion no text corpus has
    const bomb = write("bomb.jsonl.gz", zlib.gzipSync(Buffer.alloc(200 * 1024 * 1024), { level: 9 }));
    await expect(importFiles({ corpus: "bomb", files: [{ path: bomb }] })).rejects.toThrow(/decompression bomb/);
  });
});
