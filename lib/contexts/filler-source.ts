import type { FillerSource, SegmentRef } from "@/lib/assemble";
import { pool } from "@/lib/db/client";
import { copyOutRows } from "@/lib/db/copy-out";
import type { Rng } from "@/lib/random";
import { BinaryRows } from "./binary-rows";
import { eligibleList } from "./filler-pool";
import type { SplitFilter } from "./split-filter";

/** Candidate draws per requested filler before a draw gives up (only the pair's own documents are ever skipped). */
const TRIES_PER_FILLER = 50;

/**
 * Random fillers from one corpus in Postgres, uniform over the eligible segments whatever the id layout: the
 * eligible segments (those of uncontaminated documents) are listed once in content order — document sha256, then
 * segment index — and a draw picks a rank in [0, n). Two corpora imported interleaved, deleted rows or a sparse id
 * range change nothing: there are no gaps to reject, and the same corpus gives the same fillers in any database.
 * The list (id, document id, token count) costs 12 bytes per segment (12 MB for 1M segments); it is built with
 * COPY once per corpus version and read back after that (filler-pool.ts). Texts are fetched by id on demand and
 * cached.
 *
 * Each draw takes one number from the pair's stream and derives its own candidate stream from it; that keeps
 * the result a pure function of the pair's stream and the pool, whatever the cache holds.
 *
 * Misses do not stop a draw: within an attempt (see attempt()), an uncached segment is answered by a stand-in with
 * its real id, document and token count but no text, and its id is recorded. An attempt that recorded misses is
 * thrown away by the caller, which fetches all of them in one query and runs the pair again; since the stand-ins
 * carry the real counts, the whole context's needs come out of one pass (only a filler rejected for leaking, which
 * needs the text, can ask for more). An attempt without misses drew only real segments: its result is the answer.
 */
export class DbFillerSource implements FillerSource {
  /** segment id → segment, or null when the segment is gone */
  private readonly cache = new Map<number, SegmentRef | null>();
  private readonly missing = new Set<number>();

  constructor(
    readonly corpusId: number,
    /** eligible segment ids in content order, their document ids (exclusion needs no fetch) and token counts */
    private readonly ids: Int32Array,
    private readonly documentIds: Int32Array,
    private readonly tokenCounts: Int32Array,
  ) {}

  /** The pool of a corpus, or of the documents of one split of it (a recipe with splits). */
  static async forCorpus(corpusId: number, split?: SplitFilter): Promise<DbFillerSource> {
    const { list } = await eligibleList(corpusId, split);
    return new DbFillerSource(corpusId, list.ids, list.documentIds, list.tokenCounts);
  }

  /** Eligible segments in the pool. */
  get eligible(): number {
    return this.ids.length;
  }

  /**
   * Runs one pair's (synchronous) assembly; `missing` lists the segments it drew that are not cached yet. When it
   * is not empty the result (or error) rests on stand-ins and must be discarded: fetch(missing), then try again.
   */
  attempt<T>(fn: () => T): { value?: T; error?: unknown; missing: number[] } {
    this.missing.clear();
    try {
      const value = fn();
      return { value, missing: [...this.missing] };
    } catch (error) {
      return { error, missing: [...this.missing] };
    } finally {
      this.missing.clear();
    }
  }

  /** The running attempt drew a stand-in: assembleContext may stop early, its result is thrown away anyway. */
  discarded(): boolean {
    return this.missing.size > 0;
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
      taken.add(rank);
      if (seg === undefined) {
        this.missing.add(id);
        out.push({ id, documentId: this.documentIds[rank]!, tokenCount: this.tokenCounts[rank]!, text: "" });
      } else if (seg !== null) {
        out.push(seg);
      }
    }
    return out;
  }

  /**
   * Fetches the given segment ids into the cache (segments deleted meanwhile, or whose document was marked
   * contaminated since the list was built, are cached as null). Binary COPY: a batch's ~22,000 texts arrive as
   * length-prefixed UTF-8, one string decode a row and no per-row parsing of the pg driver's result rows.
   */
  async fetch(ids: Iterable<number>): Promise<void> {
    const want = [...new Set(ids)].filter((id) => !this.cache.has(id));
    if (want.length === 0) return;
    for (const id of [this.corpusId, ...want]) if (!Number.isSafeInteger(id)) throw new Error(`bad id ${id}`);
    const rows = new BinaryRows<SegmentRef>(["int4", "int4", "int4", "text"],
      ([id, documentId, tokenCount, text]) => ({ id: id as number, documentId: documentId as number, tokenCount: tokenCount as number, text: text as string }));
    const client = await pool().connect();
    try {
      // contaminated documents are few (a partial index holds them): an anti-join on them, not a join of every
      // fetched segment to its document row (that hashed the whole document table, ~1 s a batch on 1M segments)
      await copyOutRows(client,
        `COPY (SELECT s.id, s.document_id, s.token_count, s.text FROM segment s
               WHERE s.id = ANY('{${want.join(",")}}'::int[]) AND s.corpus_id = ${this.corpusId}
                 AND NOT EXISTS (SELECT 1 FROM document d WHERE d.corpus_id = ${this.corpusId} AND d.contaminated AND d.id = s.document_id))
         TO STDOUT (FORMAT binary)`, (row) => rows.add(row));
    } finally {
      client.release();
    }
    for (const id of want) this.cache.set(id, null);
    for (const r of rows.rows) this.cache.set(r.id, r);
  }

  /** Cached segments; a long job calls clear() between batches to keep memory bounded. */
  get size(): number {
    return this.cache.size;
  }

  /** Empties the cache, but for `keep` (a next batch's fillers, already fetched or on their way). */
  clear(keep: Iterable<number> = []): void {
    const kept: [number, SegmentRef | null][] = [];
    for (const id of keep) if (this.cache.has(id)) kept.push([id, this.cache.get(id)!]);
    this.cache.clear();
    for (const [id, seg] of kept) this.cache.set(id, seg);
  }
}
