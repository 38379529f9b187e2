import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { pool } from "@/lib/db/client";
import { appContextStore, textContextStore } from "@/lib/export/contexts-adapter";
import { exportOptions, type ExportFormat, type ExportRequest } from "@/lib/export/params";
import { runExport } from "@/lib/export/run-export";
import type { ContextStore } from "@/lib/export/types";
import { sha256File } from "@/lib/export/write-file";
import { readCopyTuples } from "@/lib/db/binary-copy";
import { to as copyTo } from "pg-copy-streams";
import { useTestDatabase } from "../support/db";
import { readJsonl, seedExportData } from "./support";

/**
 * The app's export path takes each context's text from PostgreSQL already JSON-escaped (to_json) and copies those
 * bytes into the file; the reference path rebuilds the text as a JS string (lib/contexts' loadContextTexts) and
 * lets JSON.stringify escape it. Every format must come out byte for byte the same, including texts full of what
 * JSON escapes (quotes, backslashes, control characters) and what it must not (U+2028, DEL, astral characters).
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "in2-export-bytes-"));
const BASE: ExportRequest = { format: "raw", seed: "5", minTokens: 1024, maxTokens: 4096, shortRatio: 0.5 };
const TRICKY = ` "quoted" back\\slash C:\\path\\n tab\there cr\rhere \u0001\u0008\u000b\u000c\u001f del\u007f nbsp\u00a0 ls\u2028ps\u2029 é 漢字 😀 </script>`;

// the same file name in two folders: the manifest names its file
function exportWith(store: ContextStore, name: string, request: Partial<ExportRequest> = {}) {
  return runExport({ options: exportOptions.parse({ ...BASE, ...request }), out: path.join(dir, store === appContextStore ? "fast" : "text", name), store, batchSize: 3 });
}

beforeAll(async () => {
  await useTestDatabase();
  await seedExportData(18);
  // assemble once, then make every segment and document the contexts use end in text JSON has to escape
  await exportWith(appContextStore, "assemble.jsonl");
  await pool().query(`UPDATE segment SET text = text || $1 WHERE id IN (
    SELECT (e->>'segmentId')::int FROM context c, jsonb_array_elements(c.spans) e)`, [TRICKY]);
  await pool().query(`UPDATE document SET text = text || $1 WHERE id IN (SELECT p.document_id FROM context c JOIN pair p ON p.id = c.pair_id WHERE c.kind = 'short')`,
    [TRICKY]);
});

describe("export bytes: prebuilt JSON from PostgreSQL against JS strings", () => {
  it.each(["raw", "film", "chat"] as ExportFormat[])("%s: the same file, the same manifest, and the rows carry the texts", async (format) => {
    const fast = await exportWith(appContextStore, `${format}.jsonl`, { format });
    const text = await exportWith(textContextStore, `${format}.jsonl`, { format });
    expect(fast.rows).toBeGreaterThanOrEqual(8);
    expect(fs.readFileSync(fast.out).equals(fs.readFileSync(text.out))).toBe(true);
    expect(fast.sha256).toBe(text.sha256);
    expect(fast.sha256).toBe(await sha256File(fast.out));
    expect(fs.readFileSync(fast.manifestPath, "utf8")).toBe(fs.readFileSync(text.manifestPath, "utf8"));
    const rows = readJsonl<Record<string, unknown>>(fast.out);
    const body = (row: Record<string, unknown>) => format === "raw" ? String(row.context) : format === "film" ? String(row.prompt)
      : String((row.messages as { content: string }[])[0]!.content);
    expect(rows.every((row) => body(row).includes(TRICKY))).toBe(true);
    expect(rows.some((row) => (row.meta as { type?: string } | undefined)?.type === "short" || row.type === "short")).toBe(true);
  });

  it("gzip at level 1 and 6: the same bytes either way, and the manifest's sha256 is the file's", async () => {
    for (const compressionLevel of [1, 6]) {
      const fast = await exportWith(appContextStore, `${compressionLevel}.jsonl.gz`, { compressionLevel });
      const text = await exportWith(textContextStore, `${compressionLevel}.jsonl.gz`, { compressionLevel });
      expect(fs.readFileSync(fast.out).equals(fs.readFileSync(text.out))).toBe(true);
      expect(fast.manifest.sha256).toBe(await sha256File(fast.out));
      expect(fast.manifest.compression_level).toBe(compressionLevel);
    }
  });

  it("the app's store hands the formatters the text as JSON bytes, and decodes the text only when asked", async () => {
    const { rows } = await pool().query<{ id: number }>(`SELECT id FROM context ORDER BY id`);
    const fast = await appContextStore.load(rows.map((r) => r.id));
    const text = await textContextStore.load(rows.map((r) => r.id));
    expect(fast.size).toBe(rows.length);
    for (const [id, c] of fast) {
      expect(c.textJson!.length).toBeGreaterThan(0);
      expect(Buffer.concat(c.textJson!).toString("utf8")).toBe(JSON.stringify(text.get(id)!.text));
      expect(c.text).toBe(text.get(id)!.text);
      expect(c.spans).toEqual(text.get(id)!.spans);
    }
  });

  it("spans of an unusual shape (an extra member, a fraction) take the parsing path and still give the reference's bytes", async () => {
    const { rows: [c] } = await pool().query<{ id: number }>(
      `SELECT c.id FROM context c WHERE c.kind = 'long' AND jsonb_array_length(c.spans) > 2 ORDER BY c.id DESC LIMIT 1`);
    await pool().query(`UPDATE context SET spans = jsonb_set(jsonb_set(spans, '{0,note}', '"hand-edited"'), '{1,charStart}',
      to_jsonb((spans->1->>'charStart')::numeric + 0.5)) WHERE id = $1`, [c!.id]);
    const fast = await exportWith(appContextStore, "unusual.jsonl");
    const text = await exportWith(textContextStore, "unusual.jsonl");
    expect(fs.readFileSync(fast.out).equals(fs.readFileSync(text.out))).toBe(true);
    expect(fs.readFileSync(fast.out, "utf8")).toMatch(/"char_start":\d+\.5,/);
  });

  it("names the missing segment when a long context's segment is gone, as the reference path does", async () => {
    const { rows: [c] } = await pool().query<{ id: number; sid: number }>(
      `SELECT c.id, (c.spans->0->>'segmentId')::int AS sid FROM context c WHERE c.kind = 'long' ORDER BY c.id LIMIT 1`);
    await pool().query(`UPDATE context SET spans = jsonb_set(spans, '{0,segmentId}', '999999999') WHERE id = $1`, [c!.id]);
    const message = `segment 999999999 of context ${c!.id} no longer exists`;
    await expect(appContextStore.load([c!.id])).rejects.toThrow(message);
    await expect(textContextStore.load([c!.id])).rejects.toThrow(message);
  });

  it("parses binary COPY output however it is cut into chunks: one byte, a few, or whole rows", async () => {
    const client = await pool().connect();
    let whole: Buffer;
    try {
      const parts: Buffer[] = [];
      const sql = `COPY (SELECT i, repeat(chr(65 + i % 26) || '${"é😀"}', i * 37), CASE WHEN i % 3 = 0 THEN NULL ELSE i::text END FROM generate_series(1, 40) i) TO STDOUT (FORMAT binary)`;
      for await (const c of client.query(copyTo(sql))) parts.push(c as Buffer);
      whole = Buffer.concat(parts);
    } finally {
      client.release();
    }
    const cut = async function* (sizes: (i: number) => number) {
      for (let at = 0, i = 0; at < whole.length; i++) {
        const n = Math.max(1, sizes(i));
        yield whole.subarray(at, at + n);
        at += n;
      }
    };
    const show = (rows: (Buffer | null)[][]) => rows.map((f) => f.map((b) => (b === null ? null : b.toString("hex"))));
    const expected = show(await readCopyTuples(cut(() => whole.length)));
    expect(expected).toHaveLength(40);
    expect(expected[2]![2]).toBeNull();
    expect(Buffer.from(expected[4]![1]!, "hex").toString("utf8")).toBe(`F${"é😀"}`.repeat(5 * 37));
    for (const sizes of [() => 1, () => 7, (i: number) => (i * 7919) % 4096, () => 65536]) expect(show(await readCopyTuples(cut(sizes)))).toEqual(expected);
    const truncated = async function* () { yield whole.subarray(0, whole.length - 3); };
    await expect(readCopyTuples(truncated())).rejects.toThrow(/ended inside a row/);
  });
});
