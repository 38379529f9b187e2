import type { FillerSource, SegmentRef } from "@/lib/assemble";
import { pool } from "@/lib/db/client";
import type { Rng } from "@/lib/random";

/**
 * Thrown by draw() when the candidates it needs are not cached yet. assembleContext is synchronous and its
 * randomness depends only on (seed, pairId), so the caller fetches `ids` and simply assembles the pair again:
 * the same draws come out, now answered from the cache.
 */
export class NeedSegments extends Error {
  constructor(readonly ids: number[]) {
    super(`need ${ids.length} segments`);
    this.name = "NeedSegments";
  }
}

/** Candidate ids per requested filler before a draw gives up (a pool of mostly gaps or excluded documents). */
const TRIES_PER_FILLER = 50;
/** Look-ahead on a miss: fetch this many candidates per filler still needed, so one round trip usually suffices. */
const LOOKAHEAD_PER_FILLER = 3;

/**
 * Random fillers from one corpus in Postgres, without scanning or ordering millions of rows: candidate ids are
 * drawn uniformly in [minId, maxId] and looked up by primary key. Ids that are gaps, belong to another corpus or
 * to a contaminated document are skipped, so every eligible segment is equally likely (rejection sampling).
 *
 * Each draw takes one number from the pair's stream and derives its own candidate stream from it; that keeps
 * the result a pure function of the pair's stream, whatever the cache holds.
 */
export class DbFillerSource implements FillerSource {
  /** segment id → segment, or null when the id is not an eligible filler */
  private readonly cache = new Map<number, SegmentRef | null>();

  constructor(
    readonly corpusId: number,
    private readonly minId: number,
    private readonly maxId: number,
  ) {}

  static async forCorpus(corpusId: number): Promise<DbFillerSource> {
    const { rows } = await pool().query<{ min: number | null; max: number | null }>(
      `SELECT min(id) AS min, max(id) AS max FROM segment WHERE corpus_id = $1`, [corpusId]);
    return new DbFillerSource(corpusId, rows[0]?.min ?? 1, rows[0]?.max ?? 0);
  }

  draw(rng: Rng, exclude: Set<number>, count: number): SegmentRef[] {
    if (this.maxId < this.minId) return [];
    const stream = rng.child(`fill:${rng.uint32()}`);
    const out: SegmentRef[] = [];
    const taken = new Set<number>();
    const maxTries = count * TRIES_PER_FILLER + 200;
    for (let tries = 0; out.length < count && tries < maxTries; tries++) {
      const id = stream.int(this.minId, this.maxId);
      const seg = this.cache.get(id);
      if (seg === undefined) throw new NeedSegments(this.lookahead(stream, id, (count - out.length) * LOOKAHEAD_PER_FILLER + 64));
      if (seg === null || taken.has(id) || exclude.has(seg.documentId)) continue;
      taken.add(id);
      out.push(seg);
    }
    return out;
  }

  private lookahead(stream: Rng, first: number, n: number): number[] {
    const ids = new Set<number>([first]);
    for (let i = 0; i < n; i++) {
      const id = stream.int(this.minId, this.maxId);
      if (!this.cache.has(id)) ids.add(id);
    }
    return [...ids];
  }

  /** Fetches the given candidate ids into the cache (misses and ineligible ids are cached as null). */
  async fetch(ids: Iterable<number>): Promise<void> {
    const want = [...new Set(ids)].filter((id) => !this.cache.has(id));
    if (want.length === 0) return;
    const { rows } = await pool().query<SegmentRef>(
      `SELECT s.id, s.document_id AS "documentId", s.token_count AS "tokenCount", s.text
       FROM segment s JOIN document d ON d.id = s.document_id
       WHERE s.id = ANY($1::int[]) AND s.corpus_id = $2 AND NOT d.contaminated`,
      [want, this.corpusId]);
    for (const id of want) this.cache.set(id, null);
    for (const r of rows) this.cache.set(r.id, r);
  }

  /** Cached segments; a long job calls clear() between batches to keep memory bounded. */
  get size(): number {
    return this.cache.size;
  }

  clear(): void {
    this.cache.clear();
  }
}
