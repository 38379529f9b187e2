import { findNearDuplicates, QUALITY_LIMITS } from "@/lib/quality";
import { words } from "@/lib/quality/normalize";
import type { Queryable } from "./detail";

/** Beyond this many candidates a question is treated as unique: a documented miss risk, like lib/quality's. */
const MAX_CANDIDATES = 500;

/**
 * Words that any near-duplicate must share at least one of. A question B with Jaccard(A, B) ≥ t shares at least
 * t·|A| of A's words, so it misses at most ⌊(1 − t)·|A|⌋ of them: of any ⌊(1 − t)·|A|⌋ + 1 words of A it holds
 * one. Long words are the rarest, so they make the smallest candidate set in the GIN index.
 */
export function probeWords(question: string, threshold = QUALITY_LIMITS.nearDuplicateJaccard): string[] {
  const set = [...new Set(words(question))];
  // |A| − ⌈t·|A|⌉ words may be missing; computed this way because (1 − 0.8) · 5 is 0.999… in floating point
  const need = set.length - Math.ceil(threshold * set.length - 1e-9) + 1;
  // Only plain letter words: they tokenize the same way in Postgres's 'simple' parser as in lib/quality.
  const letters = set.filter((w) => /^\p{L}+$/u.test(w)).sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  return letters.length >= need ? letters.slice(0, need) : [];
}

/**
 * The earliest pair of the same corpus (lower id) whose question is a near-duplicate of `question`, or null.
 * Candidates come from the `to_tsvector('simple', question)` GIN index; lib/quality verifies them exactly.
 */
export async function nearDuplicateOf(db: Queryable, p: { id: number; corpusId: number; question: string }): Promise<number | null> {
  const probe = probeWords(p.question);
  if (!probe.length) return null;
  const { rows } = await db.query<{ id: number; question: string }>(
    `SELECT id, question FROM pair
     WHERE corpus_id = $1 AND id < $2 AND to_tsvector('simple', question) @@ to_tsquery('simple', $3)
     ORDER BY id LIMIT ${MAX_CANDIDATES}`,
    [p.corpusId, p.id, probe.map((w) => `'${w}'`).join(" | ")]);
  if (!rows.length) return null;
  const dups = findNearDuplicates([...rows, { id: p.id, question: p.question }]);
  return dups.get(p.id) ?? null;
}

/**
 * The corpus-wide path for large rechecks: one pass of lib/quality's MinHash over every question of the
 * affected corpora (linear), instead of one index probe per pair. Returns pair id → earlier duplicate id.
 */
export async function corpusNearDuplicates(db: Queryable, corpusIds: number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (const corpusId of corpusIds) {
    const { rows } = await db.query<{ id: number; question: string }>(
      `SELECT id, question FROM pair WHERE corpus_id = $1 ORDER BY id`, [corpusId]);
    for (const [id, earlier] of findNearDuplicates(rows)) out.set(id, earlier);
  }
  return out;
}
