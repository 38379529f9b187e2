import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { importFiles } from "@/lib/corpus/importer";
import { pool } from "@/lib/db/client";
import { codePointLength } from "@/lib/text/code-points";
import { useTestDatabase } from "../support/db";

beforeAll(async () => {
  await useTestDatabase();
});

describe("code points in the database", () => {
  it("stores a lone surrogate as one code point: char_count equals Postgres length(), segments slice the stored text", async () => {
    const texts = ["lone \\ud800 high, then words", "trailing low \\udc00", "llama \\ud83e\\udd99 pair and lone \\ud83e end"];
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "in2-cp-")), "lone.jsonl");
    fs.writeFileSync(file, texts.map((t) => `{"text": "${t}"}`).join("\n") + "\n");
    const s = await importFiles({ corpus: "lone-surrogates", files: [{ path: file }] });
    expect(s.documents.imported).toBe(3);

    const { rows } = await pool().query<{ text: string; char_count: number; pg_length: number }>(
      `SELECT text, char_count, length(text) AS pg_length FROM document WHERE corpus_id = $1 ORDER BY source_line`,
      [s.corpusId],
    );
    expect(rows.map((r) => r.char_count)).toEqual(texts.map((t) => codePointLength(JSON.parse(`"${t}"`) as string)));
    for (const r of rows) expect(r.char_count).toBe(r.pg_length);
    expect(rows[0]!.text).toBe("lone \uFFFD high, then words"); // the driver sends U+FFFD: one code point, as counted

    const seg = await pool().query<{ ok: boolean }>(
      `SELECT bool_and(substr(d.text, s.char_start + 1, s.char_end - s.char_start) = s.text) AS ok
         FROM segment s JOIN document d ON d.id = s.document_id WHERE d.corpus_id = $1`,
      [s.corpusId],
    );
    expect(seg.rows[0]!.ok).toBe(true);
  });
});
