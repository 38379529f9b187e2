import { importFiles } from "@/lib/corpus/importer";
import { DEMO_CORPUS, demoFile } from "@/lib/corpus/demo";
import { pool } from "@/lib/db/client";
import { insertPairs, type NewPair } from "@/lib/pairs/create";

/**
 * Corpus-real pairs for assembly tests and the e2e seed: evidence segments are real demo segments, the support
 * quote is a real sentence of the evidence and the answer a phrase inside it, so leak checks and highlights
 * work on real text. Every fourth pair is multi: all of a document's segments shown, the first two needed.
 */
interface Seg { id: number; documentId: number; index: number; text: string }

function sentencesOf(text: string): string[] {
  return text.split(/(?<=[.!?])\s+|\n+/).map((s) => s.trim()).filter((s) => {
    const n = s.split(/\s+/).length;
    return n >= 10 && n <= 40 && /^[A-Z]/.test(s);
  });
}

export async function importDemo(): Promise<number> {
  const summary = await importFiles({ corpus: DEMO_CORPUS, files: [{ path: demoFile() }] });
  return summary.corpusId;
}

export async function seedAssemblyPairs(corpusId: number, count: number, status: "accepted" | "pending" = "accepted"): Promise<number[]> {
  const { rows } = await pool().query<Seg>(
    `SELECT id, document_id AS "documentId", index, text FROM segment WHERE corpus_id = $1 ORDER BY document_id, index`, [corpusId]);
  const docs = new Map<number, Seg[]>();
  for (const s of rows) docs.set(s.documentId, [...(docs.get(s.documentId) ?? []), s]);
  const pairs: NewPair[] = [];
  for (const segs of docs.values()) {
    if (pairs.length >= count) break;
    const multi = pairs.length % 4 === 3 && segs.length >= 2 && segs.length <= 6;
    const pieces = multi ? segs : [segs[0]!];
    const quotes = pieces.slice(0, 2).map((s) => sentencesOf(s.text)[0]);
    if (quotes.some((q) => q === undefined)) continue;
    const support = quotes as string[];
    const answer = support[0]!.split(/\s+/).slice(2, 8).join(" ");
    pairs.push({
      type: multi ? "multi" : "single", corpusId, documentId: segs[0]!.documentId,
      question: `What does the report say about ${answer.split(" ").slice(0, 3).join(" ")}?`, answer, support,
      // the support comes from the first two pieces: the others were shown but are not needed (source segments)
      evidence: pieces.map((s, i) => ({ piece: i + 1, segmentId: s.id, documentId: s.documentId, needed: i < 2 })),
      provider: "seed", model: "seed", promptVersion: "seed", original: null,
    });
  }
  const ids = await insertPairs(pairs);
  await pool().query(`UPDATE pair SET status = $2::"PairStatus" WHERE id = ANY($1::int[])`, [ids, status]);
  return ids;
}
