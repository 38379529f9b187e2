import { pool } from "@/lib/db/client";
import { insertPairs, type NewPair } from "@/lib/pairs/create";

/**
 * `count` accepted pairs over the demo corpus for the export benchmark: one single pair per segment (cycling
 * through the corpus), every fifth a multi pair over a document's first two segments. Answers and support are
 * the segment's first sentence, so the assembler's leak filter sees real quotes.
 */
export async function seedBenchPairs(corpusId: number, count: number): Promise<number[]> {
  // by content (document sha256, segment index), never by id: the import may number rows in any order, and the
  // pairs seeded (so every figure's workload) must be the same in every run
  const { rows } = await pool().query<{ id: number; documentId: number; docKey: string; index: number; text: string }>(
    `SELECT s.id, s.document_id AS "documentId", d.sha256 AS "docKey", s.index, s.text
     FROM segment s JOIN document d ON d.id = s.document_id WHERE s.corpus_id = $1 ORDER BY d.sha256, s.index`, [corpusId]);
  const next = new Map(rows.filter((s) => s.index === 1).map((s) => [s.documentId, s]));
  const pairs: NewPair[] = [];
  for (let i = 0; pairs.length < count; i++) {
    const seg = rows[i % rows.length]!;
    const quote = seg.text.split(/(?<=[.!?])\s+/)[0]!.slice(0, 300);
    const second = next.get(seg.documentId);
    const multi = pairs.length % 5 === 4 && seg.index === 0 && second;
    const evidence = [{ piece: 1, segmentId: seg.id, documentId: seg.documentId }, ...(multi ? [{ piece: 2, segmentId: second.id, documentId: seg.documentId }] : [])];
    const support = multi ? [quote, second.text.split(/(?<=[.!?])\s+/)[0]!.slice(0, 300)] : [quote];
    pairs.push({ type: multi ? "multi" : "single", corpusId, documentId: seg.documentId, question: `What does report ${seg.docKey.slice(0, 12)} say (${i})?`,
      answer: support.join(" "), support, evidence, provider: "bench", model: "bench", promptVersion: "bench", original: {} });
  }
  const ids: number[] = [];
  for (let i = 0; i < pairs.length; i += 1000) ids.push(...await insertPairs(pairs.slice(i, i + 1000)));
  await pool().query(`UPDATE pair SET status = 'accepted'`);
  return ids;
}
