import fs from "node:fs";
import zlib from "node:zlib";
import { importFiles } from "@/lib/corpus/importer";
import { DEMO_CORPUS, demoFile } from "@/lib/corpus/demo";
import { pool } from "@/lib/db/client";
import { insertPairs, type NewPair } from "@/lib/pairs/create";

/** Statuses in a fixed rotation: half accepted, the rest split between rejected, flagged and pending. */
const STATUSES = ["accepted", "accepted", "rejected", "accepted", "flagged", "pending"] as const;

export interface Seeded { corpusId: number; ids: number[]; statusOf: Map<number, string>; reviewer: string }

interface Seg { id: number; documentId: number; text: string }

function sentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+|\n+/).map((s) => s.trim()).filter((s) => s.split(/\s+/).length >= 8);
}

/**
 * The demo corpus plus `count` corpus-real pairs (support quotes and answers cut from the evidence segments), every
 * fourth one (from the second) multi-piece, with review statuses set in a fixed rotation by a named reviewer.
 */
export async function seedExportData(count: number): Promise<Seeded> {
  const { corpusId } = await importFiles({ corpus: DEMO_CORPUS, files: [{ path: demoFile() }] });
  const { rows } = await pool().query<Seg>(
    `SELECT id, document_id AS "documentId", text FROM segment
     WHERE corpus_id = $1 AND document_id IN (SELECT document_id FROM segment WHERE corpus_id = $1 GROUP BY 1 HAVING count(*) BETWEEN 2 AND 4)
     ORDER BY document_id, index`, [corpusId]);
  const docs = new Map<number, Seg[]>();
  for (const s of rows) docs.set(s.documentId, [...(docs.get(s.documentId) ?? []), s]);
  const usable = [...docs.values()].filter((segs) => segs.every((s) => sentences(s.text).length >= 1));
  const pairs: NewPair[] = usable.slice(0, count).map((segs, i) => {
    const multi = i % 4 === 1;
    const evidence = (multi ? segs.slice(0, 2) : segs.slice(0, 1)).map((s, k) => ({ piece: k + 1, segmentId: s.id, documentId: s.documentId }));
    const support = (multi ? segs.slice(0, 2) : segs.slice(0, 1)).map((s) => sentences(s.text)[0]!);
    const question = `Question ${i}: what does the report say about "${support[0]!.split(/\s+/).slice(0, 4).join(" ")}"?`;
    return {
      type: multi ? "multi" : "single", corpusId, documentId: segs[0]!.documentId, question, answer: support.join(" "), support, evidence,
      provider: "seed", model: "seed-model", promptVersion: "in2-v1", original: { question, answer: support.join(" "), support },
    };
  });
  if (pairs.length < count) throw new Error(`only ${pairs.length} usable documents for ${count} pairs`);
  const ids = await insertPairs(pairs);
  const reviewer = "Ada Reviewer";
  const { rows: users } = await pool().query<{ id: number }>(
    `INSERT INTO app_user (email, name, role) VALUES ('ada@example.org', $1, 'reviewer')
     ON CONFLICT (email) DO UPDATE SET name = EXCLUDED.name RETURNING id`, [reviewer]);
  const statusOf = new Map<number, string>();
  for (const [i, id] of ids.entries()) {
    const status = STATUSES[i % STATUSES.length]!;
    statusOf.set(id, status);
    await pool().query(`UPDATE pair SET status = $2::"PairStatus", reviewer_id = $3, edited = $4 WHERE id = $1`,
      [id, status, status === "pending" ? null : users[0]!.id, i % 5 === 0]);
  }
  return { corpusId, ids, statusOf, reviewer };
}

/** Reads a .jsonl or .jsonl.gz export back as parsed lines. */
export function readJsonl<T = Record<string, unknown>>(file: string): T[] {
  const buf = fs.readFileSync(file);
  const text = (file.endsWith(".gz") ? zlib.gunzipSync(buf) : buf).toString("utf8");
  expectNewlineTerminated(text);
  return text.split("\n").slice(0, -1).map((l) => JSON.parse(l) as T);
}

function expectNewlineTerminated(text: string): void {
  if (text.length && !text.endsWith("\n")) throw new Error("an export must end with a newline");
}

/** Python's s[a:b] on code points, written independently of lib/assemble's sliceCodePoints. */
export function pySlice(s: string, a: number, b: number): string {
  return Array.from(s).slice(a, b).join("");
}

export async function segmentTexts(ids: number[]): Promise<Map<number, string>> {
  const { rows } = await pool().query<{ id: number; text: string }>(`SELECT id, text FROM segment WHERE id = ANY($1::int[])`, [ids]);
  return new Map(rows.map((r) => [r.id, r.text]));
}
