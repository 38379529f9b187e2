import { importFiles } from "@/lib/corpus/importer";
import { DEMO_CORPUS, demoFile } from "@/lib/corpus/demo";
import { activeEvalGrams } from "@/lib/contexts/eval-sets";
import { overlaps } from "@/lib/contexts/ngrams";
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

/**
 * `count` pairs from the corpus's documents in file order (source file, line): the very documents a test sees as
 * ids 1, 2, 3 … when the import numbers them in file order. Not by document id: the importer writes up to three
 * batches of 400 documents at once, each drawing its ids when it is written, so under load batch 2 (lines
 * 401–800) can be numbered before batch 1, and "the first 60 by id" became lines 401–460. Line 458 of the demo
 * corpus shares a 10-gram with the built-in VaL Probing eval set: a correct run leaves its pair out (59 of 60
 * assembled, the flaky assemble-job test). Documents the active eval sets contaminate are skipped as well, so every
 * seeded pair can be assembled whatever the count.
 */
export async function seedAssemblyPairs(corpusId: number, count: number, status: "accepted" | "pending" = "accepted"): Promise<number[]> {
  const { rows } = await pool().query<Seg & { docText: string | null }>(
    `SELECT s.id, s.document_id AS "documentId", s.index, s.text, CASE WHEN s.index = 0 THEN d.text END AS "docText"
     FROM segment s JOIN document d ON d.id = s.document_id WHERE s.corpus_id = $1 ORDER BY d.source_file, d.source_line, s.index`, [corpusId]);
  const docs = new Map<number, Seg[]>();
  const docText = new Map<number, string>();
  for (const s of rows) {
    docs.set(s.documentId, [...(docs.get(s.documentId) ?? []), s]);
    if (s.docText !== null) docText.set(s.documentId, s.docText);
  }
  const { grams } = await activeEvalGrams();
  const pairs: NewPair[] = [];
  for (const [documentId, segs] of docs) {
    if (pairs.length >= count) break;
    if (overlaps(docText.get(documentId) ?? "", grams)) continue;
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
