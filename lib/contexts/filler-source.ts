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

/** Candidate draws per requested filler before a draw gives up (only the pair's own documents are ever skipped). */
const TRIES_PER_FILLER = 50;
/** Look-ahead on a miss: fetch this many candidates per filler still needed, so one round trip usually suffices. */
const LOOKAHEAD_PER_FILLER = 3;

/**
 * Random fillers from one corpus in Postgres, uniform over the eligible segments whatever the id layout: the
 * eligible segments (those of uncontaminated documents) are listed once in content order — document sha256, then
 * segment index — and a draw picks a rank in [0, n). Two corpora imported interleaved, deleted rows or a sparse id
 * range change nothing: there are no gaps to reject, and the same corpus gives the same fillers in any database.
 * The list costs 8 bytes per segment (12 MB for 1.5M segments); texts are fetched by id on demand and cached.
 *
 * Each draw takes one number from the pair's stream and derives its own candidate stream from it; that keeps
 * the result a pure function of the pair's stream, whatever the cache holds.
 */
export class DbFillerSource implements FillerSource {
  /** segment id → segment, or null when the segment is gone */
  private readonly cache = new Map<number, SegmentRef | null>();

  constructor(
    readonly corpusId: number,
    /** eligible segment ids in content order, and their document ids (exclusion needs no fetch) */
    private readonly ids: Int32Array,
    private readonly documentIds: Int32Array,
  ) {}

  static async forCorpus(corpusId: number): Promise<DbFillerSource> {
    const { rows } = await pool().query<{ id: number; documentId: number }>(
      `SELECT s.id, s.document_id AS "documentId" FROM segment s JOIN document d ON d.id = s.document_id
       WHERE s.corpus_id = $1 AND NOT d.contaminated ORDER BY d.sha256 COLLATE "C", s.index`, [corpusId]);
    return new DbFillerSource(corpusId, Int32Array.from(rows, (r) => r.id), Int32Array.from(rows, (r) => r.documentId));
  }

  /** Eligible segments in the pool. */
  get eligible(): number {
    return this.ids.length;
  }

  draw(rng: Rng, exclude: Set<number>, count: number): SegmentRef[] {
    const n = this.ids.length;
    if (n === 0) return [];
    const stream = rng.child(`fill:${rng.uint32()}`);
    const out: SegmentRef[] = [];
    const taken = new Set<number>();
    const maxTries = count * TRIES_PER_FILLER + 200;
    for (let tries = 0; out.length < count && tries < maxTries; tries++) {
      const rank = stream.int(0, n - 1);
      if (taken.has(rank) || exclude.has(this.documentIds[rank]!)) continue;
      const id = this.ids[rank]!;
      const seg = this.cache.get(id);
      if (seg === undefined) throw new NeedSegments(this.lookahead(stream, id, (count - out.length) * LOOKAHEAD_PER_FILLER + 64));
      taken.add(rank);
      if (seg === null) continue;
      out.push(seg);
    }
    return out;
  }

  private lookahead(stream: Rng, first: number, n: number): number[] {
    const ids = new Set<number>([first]);
    for (let i = 0; i < n; i++) {
      const id = this.ids[stream.int(0, this.ids.length - 1)]!;
      if (!this.cache.has(id)) ids.add(id);
    }
    return [...ids];
  }

  /** Fetches the given segment ids into the cache (segments deleted meanwhile are cached as null). */
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
