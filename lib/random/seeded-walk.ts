import crypto from "node:crypto";

/**
 * Seeded samples that walk an index instead of sorting a table.
 *
 * Every segment (and document) stores a content hash, `key_hash` = hashtextextended(content key, 0), a fixed
 * pseudo-random 64-bit number that is the same in every database (segment key "<document sha256>:<index>",
 * document key its sha256), indexed with its corpus. A seed picks a start point on that 64-bit circle; the
 * seeded order is the circle walked from the start: rows with key_hash ≥ start ascending (arc 0), then the
 * wrap-around, key_hash < start ascending (arc 1). Reading N rows is an index range scan of N entries, at any
 * corpus size and page depth, and the order depends only on content and seed, never on ids or import order.
 *
 * What it gives, statistically: the hashes are uniform and independent of content, and the start is uniform and
 * independent of the hashes, so over seeds every row is equally likely to be drawn — a sample of N from n rows
 * holds each row with probability N/n, up to the spread of the N hash gaps before it (relative ±1/√N, the same
 * for every row whatever its corpus position, length or import order). Different seeds start at independent
 * points: their samples are different, overlapping by N²/n rows on average, as two independent random samples
 * would. What it does not give: within one seed, the sample is a contiguous run of the hash circle, so two seeds
 * whose start points fall close share most rows (a probability of about 2N/n). test/corpus/seeded-walk.test.ts
 * checks the order against `walkRank` below and these properties empirically.
 */

const MIN = -(2n ** 63n);
const MAX = 2n ** 63n - 1n;

/** The seed's start point on the hash circle: the first 8 bytes of sha256("in2-walk:<seed>") as a signed bigint. */
export function walkStart(seed: number | string): bigint {
  const b = crypto.createHash("sha256").update(`in2-walk:${seed}`).digest();
  return BigInt.asIntN(64, b.readBigUInt64BE(0));
}

/** A row's position in the seed's walk (smaller first): its clockwise distance from the start. */
export function walkRank(keyHash: bigint, start: bigint): bigint {
  return BigInt.asUintN(64, keyHash - start);
}

/** Inclusive key_hash bounds of one arc, as decimal strings for `$n::bigint` parameters. */
export interface Arc { lo: string; hi: string }

/** The arcs of a seed's walk, in order. */
export function walkArcs(seed: number | string): Arc[] {
  const start = walkStart(seed);
  const arcs: Arc[] = [{ lo: String(start), hi: String(MAX) }];
  if (start > MIN) arcs.push({ lo: String(MIN), hi: String(start - 1n) });
  return arcs;
}

/** A keyset position: the arc, then the row's hash, its content key (ties of the 64-bit hash) and id. */
export interface WalkCursor { arc: number; h: string; k: string; id: number }
export interface WalkRow { h: string; k: string; id: number }

/**
 * Up to `limit` rows of the seed's walk after `after`: runs `arcQuery` (an index range scan over one arc, rows
 * ordered by key_hash, k COLLATE "C", id, strictly after the given row when one is given) over the arcs in turn.
 */
export async function walkPage<R extends WalkRow>(
  seed: number | string, after: WalkCursor | null, limit: number,
  arcQuery: (arc: Arc, after: WalkRow | null, limit: number) => Promise<R[]>,
): Promise<(R & { arc: number })[]> {
  const arcs = walkArcs(seed);
  const out: (R & { arc: number })[] = [];
  for (let a = after?.arc ?? 0; a < arcs.length && out.length < limit; a++) {
    const rows = await arcQuery(arcs[a]!, after && after.arc === a ? after : null, limit - out.length);
    for (const r of rows) out.push({ ...r, arc: a });
  }
  return out;
}

export function cursorOf(r: WalkRow & { arc: number }): WalkCursor {
  return { arc: r.arc, h: r.h, k: r.k, id: r.id };
}
