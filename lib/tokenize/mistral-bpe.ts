import { PAIR_HASH, type MistralTables } from "./mistral-tables";

/**
 * Byte-pair merging with the reference's order: always the pair with the lowest merge index, the leftmost one
 * among equals. (The reference's priority `rank + origPos / prompt.length` means exactly that while
 * origPos / prompt.length < 2, because its ranks are odd numbers 2 apart; mistral.ts guarantees that bound.)
 */
const NO_MERGE = -1;
/** Above this many initial ids the O(n²) scan loses to the heap; real chunks (words) are far below it. */
const SCAN_LIMIT = 48;

export function rankOf(t: MistralTables, left: number, right: number): number {
  const key = left * t.vocabSize + right;
  const mask = t.pairKeys.length - 1;
  for (let slot = Math.imul(key, PAIR_HASH) >>> t.pairShift; ; slot = (slot + 1) & mask) {
    const k = t.pairKeys[slot] ?? -1;
    if (k === key) return t.pairRanks[slot] ?? NO_MERGE;
    if (k === -1) return NO_MERGE;
  }
}

/** Merges the first `len` ids of `ids` in place; returns the new length. */
export function mergeIds(t: MistralTables, ids: Int32Array, len: number): number {
  if (len < 2) return len;
  return len <= SCAN_LIMIT ? mergeByScan(t, ids, len) : mergeByHeap(t, ids, len);
}

const scanRanks = new Int32Array(SCAN_LIMIT);

function mergeByScan(t: MistralTables, ids: Int32Array, initialLen: number): number {
  let len = initialLen;
  for (let i = 0; i < len - 1; i++) scanRanks[i] = rankOf(t, ids[i] ?? 0, ids[i + 1] ?? 0);
  for (;;) {
    let best = NO_MERGE;
    let at = -1;
    for (let i = 0; i < len - 1; i++) {
      const r = scanRanks[i] ?? NO_MERGE;
      // strict '<' keeps the leftmost pair among equal ranks
      if (r !== NO_MERGE && (best === NO_MERGE || r < best)) {
        best = r;
        at = i;
      }
    }
    if (at < 0) return len;
    ids[at] = t.mergedId[best] ?? 0;
    ids.copyWithin(at + 1, at + 2, len);
    scanRanks.copyWithin(at, at + 1, len - 1);
    len--;
    if (at > 0) scanRanks[at - 1] = rankOf(t, ids[at - 1] ?? 0, ids[at] ?? 0);
    if (at < len - 1) scanRanks[at] = rankOf(t, ids[at] ?? 0, ids[at + 1] ?? 0);
  }
}

/** Linked list plus a binary min-heap of `rank * n + position` keys (exact in a double for any real input). */
function mergeByHeap(t: MistralTables, ids: Int32Array, n: number): number {
  const next = new Int32Array(n);
  const prev = new Int32Array(n);
  const alive = new Uint8Array(n).fill(1);
  for (let i = 0; i < n; i++) {
    next[i] = i + 1 < n ? i + 1 : -1;
    prev[i] = i - 1;
  }
  const heap = new Float64Array(3 * n); // n-1 initial pairs + at most 2 new pairs per merge
  let size = 0;
  const push = (key: number): void => {
    let i = size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pk = heap[parent] ?? 0;
      if (pk <= key) break;
      heap[i] = pk;
      i = parent;
    }
    heap[i] = key;
  };
  const pop = (): number => {
    const top = heap[0] ?? 0;
    const last = heap[--size] ?? 0;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && (heap[child + 1] ?? 0) < (heap[child] ?? 0)) child++;
      if ((heap[child] ?? 0) >= last) break;
      heap[i] = heap[child] ?? 0;
      i = child;
    }
    heap[i] = last;
    return top;
  };
  const offer = (pos: number, right: number): void => {
    const r = rankOf(t, ids[pos] ?? 0, ids[right] ?? 0);
    if (r !== NO_MERGE) push(r * n + pos);
  };
  for (let i = 0; i + 1 < n; i++) offer(i, i + 1);
  while (size > 0) {
    const key = pop();
    const rank = Math.floor(key / n);
    const pos = key - rank * n;
    const right = next[pos] ?? -1;
    // Stale entries are skipped by re-deriving the pair's rank: a live pair with this very rank and position is
    // exactly the pair the reference would merge now (a rank identifies one pair of ids).
    if (alive[pos] !== 1 || right < 0 || rankOf(t, ids[pos] ?? 0, ids[right] ?? 0) !== rank) continue;
    ids[pos] = t.mergedId[rank] ?? 0;
    alive[right] = 0;
    const after = next[right] ?? -1;
    next[pos] = after;
    if (after >= 0) prev[after] = pos;
    const before = prev[pos] ?? -1;
    if (before >= 0) offer(before, pos);
    if (after >= 0) offer(pos, after);
  }
  let len = 0;
  for (let i = 0; i >= 0; i = next[i] ?? -1) ids[len++] = ids[i] ?? 0; // len ≤ i always: compaction is safe
  return len;
}
