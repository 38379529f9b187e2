import type pg from "pg";
import { QUALITY_LIMITS, type QualityFlag } from "./catalog";
import { BandIndex } from "./band-index";
import { words } from "./normalize";

/**
 * Near-duplicate questions: the one module for it. The pure part (MinHash + LSH over a list of questions) is
 * below; the database part at the end finds candidates for stored pairs, in the database handle it is given:
 * new pairs in one round trip per written batch (generation), one pair (edits), or whole corpora (rechecks).
 */

/**
 * Near-duplicate questions by Jaccard similarity of their word sets (lower-cased, function words removed), found
 * with MinHash + LSH banding so the cost grows linearly with the corpus (200k questions in seconds) instead of
 * comparing all pairs. Every LSH candidate is verified with the exact Jaccard, so there are no false positives;
 * misses are possible but rare (the banding is sized so a pair exactly at the threshold becomes a candidate with
 * probability ≥ 99.5%; capped buckets can hide a few more among thousands of look-alike templated questions).
 */
export function findNearDuplicates(
  questions: { id: number; question: string }[],
  threshold: number = QUALITY_LIMITS.nearDuplicateJaccard,
): Map<number, number> {
  return findNearDuplicatesWithStats(questions, threshold).duplicates;
}

export function nearDuplicateFlag(earlierId: number): QualityFlag {
  return { code: "near_duplicate", reason: `Nearly the same question as pair #${earlierId}.`, severity: "warning" };
}

/** Buckets stop growing here: a flood of templated questions must not turn each lookup into a scan. */
const MAX_BUCKET = 32;
/** Verified candidates per question; beyond this the question is assumed unique (documented miss risk). */
const MAX_CANDIDATES = 100;

export interface NearDuplicateStats {
  /** id → id of the earliest (in input order) near-duplicate found before it */
  duplicates: Map<number, number>;
  /** exact Jaccard computations done: stays O(n), which is what the tests assert instead of timing */
  comparisons: number;
}

export function findNearDuplicatesWithStats(
  questions: { id: number; question: string }[],
  threshold: number = QUALITY_LIMITS.nearDuplicateJaccard,
): NearDuplicateStats {
  const { bands, rows } = banding(threshold);
  const seeds = Int32Array.from({ length: bands * rows }, (_, i) => fmix32(0x9e3779b9 + i * 0x632be5ab));
  const tokenIds = new Map<string, number>();
  const sets: Int32Array[] = [];
  const index = new BandIndex(bands, questions.length, MAX_BUCKET);
  const bandKeys = new Int32Array(bands);
  // seenBy[c] === position + 1 marks c as already collected for this question: no Set per question.
  const seenBy = new Int32Array(questions.length);
  const found = new Int32Array(bands * MAX_BUCKET);
  const duplicates = new Map<number, number>();
  let comparisons = 0;

  questions.forEach(({ id, question }, position) => {
    const set = tokenSet(question, tokenIds);
    sets.push(set);
    if (set.length === 0) return;
    const signature = minhash(set, seeds);
    let n = 0;
    for (let b = 0; b < bands; b++) {
      let h = b;
      for (let r = 0; r < rows; r++) h = fmix32(Math.imul(h, 31) ^ (signature[b * rows + r] ?? 0));
      bandKeys[b] = h;
      index.forEach(b, h, (c) => {
        if (seenBy[c] === position + 1) return;
        seenBy[c] = position + 1;
        found[n++] = c;
      });
    }
    const candidates = found.subarray(0, n).sort();
    let best = -1;
    let similarity = 0;
    for (let k = 0; k < candidates.length && k < MAX_CANDIDATES; k++) {
      const c = candidates[k] ?? 0;
      comparisons++;
      similarity = jaccard(set, sets[c] ?? set);
      if (similarity >= threshold) {
        best = c;
        break;
      }
    }
    if (best >= 0) duplicates.set(id, questions[best]?.id ?? id);
    // An exact copy adds nothing to the buckets (its original answers for it) and would only fill them up.
    if (best < 0 || similarity < 1) for (let b = 0; b < bands; b++) index.add(b, bandKeys[b] ?? 0, position);
  });
  return { duplicates, comparisons };
}

/**
 * Rows per band r and bands b: candidate probability for similarity s is 1 − (1 − s^r)^b. r = 5 keeps pairs far
 * below the threshold out of the candidate lists; b is the smallest count reaching 99.5% at the threshold.
 */
function banding(threshold: number): { bands: number; rows: number } {
  const t = Math.min(Math.max(threshold, 0.05), 0.99);
  const rows = t >= 0.7 ? 5 : t >= 0.4 ? 3 : 2;
  const bands = Math.min(64, Math.max(1, Math.ceil(Math.log(0.005) / Math.log(1 - t ** rows))));
  return { bands, rows };
}

/**
 * Function words are left out of the sets: "What's the capital of France?" and "What is the capital of France?"
 * should match, and templated questions ("What did X say about Y in Z?") must not all look alike and flood the
 * LSH buckets. Question words and negations stay: they change what is asked.
 */
const FUNCTION_WORDS = new Set(
  ("a an the of in on at to for from by with and or but is are was were be been being am do does did has have had " +
    "will would can could should may might must shall s t d ll re ve this that these those it its as about into " +
    "than then there their they he she his her him them we our you your i me my").split(" "),
);

/** The words a question is compared by: lower-cased, function words removed (unless that leaves none). */
export function questionTerms(question: string): string[] {
  const all = words(question);
  const content = all.filter((w) => !FUNCTION_WORDS.has(w));
  return content.length > 0 ? content : all;
}

/** Sorted, de-duplicated ids of a question's terms (ids are assigned on first sight). */
function tokenSet(question: string, ids: Map<string, number>): Int32Array {
  const ws = questionTerms(question);
  const out = new Int32Array(ws.length);
  ws.forEach((w, i) => {
    let id = ids.get(w);
    if (id === undefined) {
      id = ids.size;
      ids.set(w, id);
    }
    out[i] = id;
  });
  out.sort();
  let k = 0;
  for (let i = 0; i < out.length; i++) if (i === 0 || out[i] !== out[i - 1]) out[k++] = out[i] ?? 0;
  return out.subarray(0, k);
}

/**
 * MinHash signature. Everything stays in signed 32-bit integers (V8 keeps them unboxed); the min is taken in
 * signed order, which is as good a total order as unsigned for MinHash.
 */
function minhash(set: Int32Array, seeds: Int32Array): Int32Array {
  const k = seeds.length;
  const sig = new Int32Array(k).fill(0x7fffffff);
  for (let t = 0; t < set.length; t++) {
    const token = set[t] as number;
    for (let i = 0; i < k; i++) {
      const h = fmix32(token ^ (seeds[i] as number));
      if (h < (sig[i] as number)) sig[i] = h;
    }
  }
  return sig;
}

/** Exact Jaccard of two sorted id sets (a linear merge). */
function jaccard(a: Int32Array, b: Int32Array): number {
  let i = 0;
  let j = 0;
  let both = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] ?? 0;
    const y = b[j] ?? 0;
    if (x === y) {
      both++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  const union = a.length + b.length - both;
  return union === 0 ? 0 : both / union;
}

/** MurmurHash3's 32-bit finaliser: a cheap, well-mixing hash of an integer (returned signed). */
function fmix32(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

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
