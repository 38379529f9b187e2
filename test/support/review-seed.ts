import { pool } from "@/lib/db/client";
import { insertPairs, type NewPair } from "@/lib/pairs/create";
import { recheckQuality } from "@/lib/pairs/quality";

/**
 * Corpus-real pairs for tests, e2e and demos: support quotes and answers are cut from real segments, so
 * the quality checks run on real text. A fixed rotation mixes clean pairs with the faults the checks must
 * catch (meta phrase, invented quote, multi pair from one piece, near-duplicate question).
 */
export type SeedKind = "single" | "multi" | "meta" | "invented" | "one_piece" | "near_dup";
const ROTATION: SeedKind[] = ["single", "single", "multi", "single", "meta", "single", "invented", "multi", "one_piece", "single", "near_dup", "single"];
const MODELS = ["gpt-4o-mini", "llama-3.1-8b"];
const PROMPTS = ["in2-v1", "in2-v2"];

interface Seg { id: number; documentId: number; text: string }

function sentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+|\n+/).map((s) => s.trim())
    .filter((s) => { const n = s.split(/\s+/).length; return n >= 12 && n <= 35 && /^[A-Z]/.test(s) && !/["“”]/.test(s); });
}

function questionAbout(sentence: string): string {
  const words = [...new Set(sentence.match(/\b[A-Za-z]{6,}\b/g) ?? [])].slice(0, 2);
  return `What happened with ${words.join(" and ")} in this report?`;
}

export async function seedReviewPairs(corpusId: number, count: number): Promise<{ ids: number[]; kinds: SeedKind[] }> {
  const { rows } = await pool().query<Seg>(
    `SELECT s.id, s.document_id AS "documentId", s.text FROM segment s
     WHERE s.corpus_id = $1 AND s.document_id IN (SELECT document_id FROM segment WHERE corpus_id = $1 GROUP BY 1 HAVING count(*) BETWEEN 2 AND 6)
     ORDER BY s.document_id, s.index`, [corpusId]);
  const docs = new Map<number, Seg[]>();
  for (const s of rows) docs.set(s.documentId, [...(docs.get(s.documentId) ?? []), s]);
  const usable = [...docs.values()].filter((segs) => segs.slice(0, 2).every((s) => sentences(s.text).length >= 2));
  const pairs: NewPair[] = [];
  const kinds: SeedKind[] = [];
  for (let i = 0; pairs.length < count && i < usable.length; i++) {
    const segs = usable[i]!;
    const kind = ROTATION[pairs.length % ROTATION.length]!;
    // Middle sentences: first lines of news text are often bylines and "this article appeared in…" notes.
    const mid = (list: string[]) => list.slice(Math.max(0, Math.floor(list.length / 2) - 1));
    const [a, b] = [mid(sentences(segs[0]!.text)), mid(sentences(segs[1]!.text))];
    const base = { corpusId, documentId: segs[0]!.documentId, provider: "seed", model: MODELS[pairs.length % 2]!, promptVersion: PROMPTS[Math.floor(pairs.length / 2) % 2]! };
    const single = (question: string, answer: string, support: string[]): NewPair => ({
      ...base, type: "single", question, answer, support, evidence: [{ piece: 1, segmentId: segs[0]!.id, documentId: segs[0]!.documentId }],
      original: { question, answer, support } });
    const multi = (support: string[]): NewPair => {
      const question = questionAbout(`${support[0]} ${support[1]}`);
      const answer = support.join(" ");
      return { ...base, type: "multi", question, answer, support,
        evidence: segs.map((s, k) => ({ piece: k + 1, segmentId: s.id, documentId: s.documentId })), original: { question, answer, support } };
    };
    if (kind === "multi") pairs.push(multi([a[0]!, b[0]!]));
    else if (kind === "one_piece") pairs.push(multi([a[0]!, a[1]!]));
    else if (kind === "meta") pairs.push(single(`According to the passage, ${questionAbout(a[0]!).replace(/^W/, "w")}`, a[0]!, [a[0]!]));
    else if (kind === "invented") pairs.push(single(questionAbout(a[0]!), a[0]!, ["The council approved the measure by a vote of 9 to 2 after midnight."]));
    else if (kind === "near_dup" && pairs[0]) pairs.push({ ...pairs[0], question: pairs[0].question.replace("What", "So what") });
    else pairs.push(single(questionAbout(a[0]!), a[0]!, [a[0]!]));
    kinds.push(kind);
  }
  const ids = await insertPairs(pairs);
  await recheckQuality(ids);
  return { ids, kinds };
}
