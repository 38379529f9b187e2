import { QUALITY_LIMITS, type QualityFlag } from "./catalog";
import { BandIndex } from "./band-index";
import { words } from "./normalize";

/**
 * Near-duplicate questions, the pure part: MinHash + LSH over a list of questions. The database part, which finds
 * candidates for stored pairs, is near-duplicate-probes.ts.
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
