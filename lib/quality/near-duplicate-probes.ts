import type pg from "pg";
import { QUALITY_LIMITS } from "./catalog";
import { findNearDuplicates, questionTerms } from "./near-duplicates";
import { words } from "./normalize";

/**
 * Near-duplicate questions of stored pairs, in the database handle it is given: new pairs in one round trip per
 * written batch (generation), one pair (edits), or whole corpora (rechecks). A pair is probed by its rarest words
 * in the question full-text index; candidates are rechecked with the exact Jaccard of near-duplicates.ts.
 */

type Queryable = Pick<pg.Pool | pg.PoolClient, "query">;

/** Beyond this many index candidates a question is treated as unique: a documented miss risk, like MAX_CANDIDATES. */
const MAX_INDEX_CANDIDATES = 500;

/**
 * Words that any near-duplicate must share at least one of. A question B with Jaccard(A, B) ≥ t shares at least
 * t·|A| of A's words, so it misses at most ⌊(1 − t)·|A|⌋ of them: of any ⌊(1 − t)·|A|⌋ + 1 words of A it holds
 * one. So any such subset is correct, and the cheapest is the rarest: every stored question holding a probe word is
 * read from the heap and rechecked. With `frequency` (share of stored questions holding a word, from the GIN
 * index's statistics, see questionWordFrequencies) the rarest words are taken; without it, or between words of the
 * same frequency, the longest. A word in every question ("What happened with …" templates) is then never probed
 * while a rarer one is left: probing it read every earlier pair per pair rechecked (1.27 s a pair at 400K pairs).
 */
export function probeWords(question: string, threshold: number = QUALITY_LIMITS.nearDuplicateJaccard, frequency?: ReadonlyMap<string, number>): string[] {
  const set = [...new Set(words(question))];
  // |A| − ⌈t·|A|⌉ words may be missing; computed this way because (1 − 0.8) · 5 is 0.999… in floating point
  const need = set.length - Math.ceil(threshold * set.length - 1e-9) + 1;
  const freq = (w: string) => frequency?.get(w) ?? 0;
  // Only plain letter words: they tokenize the same way in Postgres's 'simple' parser as here.
  const letters = set.filter((w) => /^\p{L}+$/u.test(w)).sort((a, b) => freq(a) - freq(b) || b.length - a.length || (a < b ? -1 : 1));
  return letters.length >= need ? letters.slice(0, need) : [];
}

/** How long question word frequencies are reused: they change only when ANALYZE runs. */
const FREQUENCY_TTL_MS = 60_000;
let frequencyCache: { at: number; words: Map<string, number> } | null = null;

/** Drops the cached word frequencies (tests that ANALYZE and want the new ones at once). */
export function forgetQuestionWordFrequencies(): void {
  frequencyCache = null;
}

/**
 * Share of stored questions holding each of the most common words: ANALYZE's most-common-elements statistics of
 * the `pair_question_words_idx` expression (up to 1,000 words at the default statistics target; any word not listed
 * is rarer than every listed one). Read from pg_stats, no table access; empty before the first ANALYZE. Cached for a
 * minute: the choice among probe words only changes how many candidates are read, never which duplicates are found.
 */
export async function questionWordFrequencies(db: Queryable): Promise<Map<string, number>> {
  if (frequencyCache && Date.now() - frequencyCache.at < FREQUENCY_TTL_MS) return frequencyCache.words;
  const { rows } = await db.query<{ words: string[] | null; freqs: number[] | null }>(
    `SELECT most_common_elems::text::text[] AS words, most_common_elem_freqs AS freqs FROM pg_stats
     WHERE schemaname = current_schema() AND tablename = 'pair_question_words_idx'`);
  const out = new Map<string, number>();
  const r = rows[0];
  // the frequency array holds one number per word, then min, max and the null share
  if (r?.words && r.freqs) r.words.forEach((w, i) => out.set(w, r.freqs![i] ?? 0));
  frequencyCache = { at: Date.now(), words: out };
  return out;
}

/**
 * Estimated rows the index probes of these questions would read: per question and probe word, the word's share of
 * stored questions (an unlisted word at the smallest listed share, an upper bound) times the stored pairs
 * (pg_class.reltuples). A recheck compares it with one corpus-wide pass (corpusNearDuplicates reads every question
 * once, sequentially): when every content word of a question is common, as in templated or recycled questions,
 * 200 probes at 2M pairs read ~6,000 rows each from random heap pages.
 */
export async function estimateProbeRows(db: Queryable, questions: string[]): Promise<{ probeRows: number; pairs: number }> {
  const [frequency, { rows }] = await Promise.all([
    questionWordFrequencies(db),
    db.query<{ n: number }>(`SELECT greatest(reltuples, 0)::float8 AS n FROM pg_class WHERE oid = 'pair'::regclass`),
  ]);
  const pairs = rows[0]?.n ?? 0;
  let floor = Infinity;
  for (const f of frequency.values()) if (f < floor) floor = f;
  if (!Number.isFinite(floor)) floor = 0;
  let share = 0;
  for (const q of questions) for (const w of probeWords(q, undefined, frequency)) share += frequency.get(w) ?? floor;
  return { probeRows: share * pairs, pairs };
}

/**
 * For stored pairs: the earliest pair of the same corpus (lower id) whose question is a near-duplicate, by pair id.
 * One statement for the whole batch: per pair, candidates come from the `to_tsvector('simple', question)` GIN
 * index (a LATERAL probe with its rarest words), then the MinHash above verifies them exactly. Pairs written
 * earlier in the same transaction (the same generation batch) are candidates too. `id + 0` keeps the planner on
 * the GIN bitmap alone: with a plain `id < b.id` it ANDed in a bitmap of every earlier pair from a btree (12 ms a
 * pair at 200K pairs, growing with the table), or could walk (corpus_id, id) testing each row's words.
 */
export async function nearDuplicatesOf(db: Queryable, pairs: { id: number; corpusId: number; question: string }[]): Promise<Map<number, number>> {
  const frequency = pairs.length ? await questionWordFrequencies(db) : undefined;
  const probed = pairs.map((p) => ({ ...p, probe: probeWords(p.question, undefined, frequency) })).filter((p) => p.probe.length > 0);
  const out = new Map<number, number>();
  if (!probed.length) return out;
  const { rows } = await db.query<{ forId: number; id: number; question: string }>(
    `SELECT b.id AS "forId", c.id, c.question
     FROM unnest($1::int[], $2::int[], $3::text[]) AS b(id, corpus_id, probe)
     CROSS JOIN LATERAL (
       SELECT id, question FROM pair
       WHERE corpus_id + 0 = b.corpus_id AND id + 0 < b.id AND to_tsvector('simple', question) @@ to_tsquery('simple', b.probe)
       ORDER BY id + 0 LIMIT ${MAX_INDEX_CANDIDATES}) c`,
    [probed.map((p) => p.id), probed.map((p) => p.corpusId), probed.map((p) => p.probe.map((w) => `'${w}'`).join(" | "))]);
  const candidates = new Map<number, { id: number; question: string }[]>();
  for (const r of rows) candidates.set(r.forId, [...(candidates.get(r.forId) ?? []), { id: r.id, question: r.question }]);
  for (const p of probed) {
    const found = candidates.get(p.id);
    if (!found) continue;
    const earlier = findNearDuplicates([...found, { id: p.id, question: p.question }]).get(p.id);
    if (earlier !== undefined) out.set(p.id, earlier);
  }
  return out;
}

/** One stored pair (used by edits before they are written). */
export async function nearDuplicateOf(db: Queryable, p: { id: number; corpusId: number; question: string }): Promise<number | null> {
  return (await nearDuplicatesOf(db, [p])).get(p.id) ?? null;
}

/**
 * The corpus-wide path for large rechecks: one pass of the MinHash above over every question of the affected
 * corpora (linear), instead of one index probe per pair. Returns pair id → earlier duplicate id.
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
