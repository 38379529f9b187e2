import type pg from "pg";
import { cursorOf, walkPage, type Arc, type WalkCursor, type WalkRow } from "@/lib/random/seeded-walk";
import { DEFAULT_MAX_PIECES, itemKey, type GenerateParams } from "./params";

/**
 * Chooses the work of a job: "N random segments (or documents) with seed S" in a reproducible seeded
 * order over content keys, or an explicit list of segment ids. Contaminated documents are never used. Work that already
 * has an item under the same key (same type, segments, prompt version and model, from any job) is
 * skipped, so asking for 1,000 more pairs with the same seed gives 1,000 new ones.
 */
export { DEFAULT_MAX_PIECES as MAX_PIECES } from "./params";

export interface Candidate { key: string; segmentIds: number[]; documentId: number; tokens: number }

type Db = Pick<pg.PoolClient | pg.Pool, "query">;
/** `h`, `k`, `id` and `arc` are the walk position: content hash, the content key that breaks its (rare) ties, id. */
interface Row extends WalkRow { segment_ids: number[]; segment_keys: string[]; document_id: number; tokens: number }

// Each page is an index range scan of its own length (lib/random/seeded-walk.ts), so pages can be small.
const PAGE = 5_000;

/** SQL for a segment's content key (see `segmentKey` in params.ts); `s` is the segment, `d` its document. */
const SEGMENT_KEY = `(d.sha256 || ':' || s.index)`;

export async function selectCandidates(db: Db, p: GenerateParams): Promise<Candidate[]> {
  const want = p.segmentIds ? Number.MAX_SAFE_INTEGER : p.count;
  const out: Candidate[] = [];
  const seen = new Set<string>();
  let after: WalkCursor | null = null;
  for (;;) {
    const rows: (Row & { arc?: number })[] = p.segmentIds ? await explicitRows(db, p)
      : await walkPage(p.seed, after, Math.min(PAGE, Math.max(100, Math.ceil((want - out.length) * 1.2))), (arc, a, limit) => randomRows(db, p, arc, a, limit));
    // The same text in two corpora has the same keys, hence the same item: keep the first only.
    const cands = rows.map((r) => ({ key: itemKey(p, r.segment_keys), segmentIds: r.segment_ids, documentId: r.document_id, tokens: Number(r.tokens) }))
      .filter((c) => !seen.has(c.key) && seen.add(c.key));
    const fresh = await withoutExisting(db, cands);
    out.push(...fresh.slice(0, want - out.length));
    const last = rows[rows.length - 1];
    if (p.segmentIds || out.length >= want || !last) return out;
    after = cursorOf({ ...last, arc: last.arc ?? 0 });
  }
}

async function withoutExisting(db: Db, cands: Candidate[]): Promise<Candidate[]> {
  if (!cands.length) return cands;
  const { rows } = await db.query<{ key: string }>(`SELECT key FROM generation_item WHERE key = ANY($1::text[])`, [cands.map((c) => c.key)]);
  const taken = new Set(rows.map((r) => r.key));
  return cands.filter((c) => !taken.has(c.key));
}

/**
 * One arc of the seeded walk (lib/random/seeded-walk.ts) over content hashes — segment key_hash for single items,
 * document key_hash for multi items — never ids: two databases that imported the same file in any order, or
 * concurrently, select the same work, and every page is an index range scan per corpus. Ties of the 64-bit hash
 * fall back to the key (byte order), then the id (only the same text in two corpora gets there).
 */
function randomRows(db: Db, p: GenerateParams, arc: Arc, after: WalkRow | null, limit: number): Promise<Row[]> {
  const args = [p.corpusId ?? null, p.seed, arc.lo, arc.hi, after?.h ?? null, after?.k ?? "", after?.id ?? 0, limit];
  if (p.type === "single") {
    return db.query<Row>(
      `SELECT x.segment_ids, x.segment_keys, x.document_id, x.tokens, x.h, x.k, x.id FROM corpus c CROSS JOIN LATERAL (
         SELECT ARRAY[s.id] AS segment_ids, ARRAY[${SEGMENT_KEY}] AS segment_keys, s.document_id, s.token_count AS tokens,
           s.key_hash AS kh, s.key_hash::text AS h, ${SEGMENT_KEY} AS k, s.id
         FROM segment s JOIN document d ON d.id = s.document_id
         WHERE s.corpus_id = c.id AND NOT d.contaminated AND s.key_hash BETWEEN $2::bigint AND $3::bigint
           AND ($4::bigint IS NULL OR (s.key_hash >= $4::bigint AND (s.key_hash, ${SEGMENT_KEY} COLLATE "C", s.id) > ($4::bigint, $5::text COLLATE "C", $6::int)))
         ORDER BY s.key_hash, ${SEGMENT_KEY} COLLATE "C", s.id LIMIT $7) x
       WHERE ($1::int IS NULL OR c.id = $1)
       ORDER BY x.kh, x.k COLLATE "C", x.id LIMIT $7`, [args[0], ...args.slice(2)]).then((r) => r.rows);
  }
  // A long document contributes one seeded run of at most maxPieces consecutive segments (all of a shorter one).
  const MAX_PIECES = piecesCap(p);
  return db.query<Row>(
    `WITH docs AS (
       SELECT x.* FROM corpus c CROSS JOIN LATERAL (
         SELECT d.id, d.sha256, d.segment_count AS n, d.key_hash AS kh FROM document d
         WHERE d.corpus_id = c.id AND NOT d.contaminated AND d.segment_count >= 2 AND d.key_hash BETWEEN $3::bigint AND $4::bigint
           AND ($5::bigint IS NULL OR (d.key_hash >= $5::bigint AND (d.key_hash, d.sha256 COLLATE "C", d.id) > ($5::bigint, $6::text COLLATE "C", $7::int)))
         ORDER BY d.key_hash, d.sha256 COLLATE "C", d.id LIMIT $8) x
       WHERE ($1::int IS NULL OR c.id = $1)
       ORDER BY x.kh, x.sha256 COLLATE "C", x.id LIMIT $8),
     runs AS (
       SELECT id, sha256, kh, CASE WHEN n <= ${MAX_PIECES} THEN 0
         ELSE ((hashtextextended(sha256, $2 + 1) % (n - ${MAX_PIECES - 1})) + (n - ${MAX_PIECES - 1})) % (n - ${MAX_PIECES - 1}) END AS start,
         least(n, ${MAX_PIECES}) AS len FROM docs)
     SELECT array_agg(s.id ORDER BY s.index) AS segment_ids, array_agg(r.sha256 || ':' || s.index ORDER BY s.index) AS segment_keys,
       r.id AS document_id, sum(s.token_count)::int AS tokens, r.kh::text AS h, r.sha256 AS k, r.id
     FROM runs r JOIN segment s ON s.document_id = r.id AND s.index >= r.start AND s.index < r.start + r.len
     GROUP BY r.id, r.sha256, r.kh ORDER BY r.kh, r.sha256 COLLATE "C", r.id`, args).then((r) => r.rows);
}

async function explicitRows(db: Db, p: GenerateParams): Promise<Row[]> {
  const { rows } = await db.query<{ id: number; document_id: number; index: number; token_count: number; key: string }>(
    `SELECT s.id, s.document_id, s.index, s.token_count, ${SEGMENT_KEY} AS key FROM segment s JOIN document d ON d.id = s.document_id
     WHERE s.id = ANY($1::int[]) AND NOT d.contaminated ORDER BY s.document_id, s.index`, [p.segmentIds]);
  if (p.type === "single") return rows.map((r) => ({ segment_ids: [r.id], segment_keys: [r.key], document_id: r.document_id, tokens: r.token_count, h: "0", k: r.key, id: r.id }));
  // multi: the chosen segments of each document, in document order, in runs of at most maxPieces
  const MAX_PIECES = piecesCap(p);
  const out: Row[] = [];
  const byDoc = new Map<number, typeof rows>();
  for (const r of rows) byDoc.set(r.document_id, [...(byDoc.get(r.document_id) ?? []), r]);
  for (const [doc, segs] of byDoc) {
    for (let i = 0; i < segs.length; i += MAX_PIECES) {
      const run = segs.slice(i, i + MAX_PIECES);
      if (run.length >= 2) {
        out.push({ segment_ids: run.map((s) => s.id), segment_keys: run.map((s) => s.key), document_id: doc,
          tokens: run.reduce((a, s) => a + s.token_count, 0), h: "0", k: run[0]!.key, id: doc });
      }
    }
  }
  return out;
}

/** Pieces offered per multi item: the document's segments, up to this cap (an integer by its schema). */
function piecesCap(p: GenerateParams): number {
  return Math.trunc(p.maxPieces ?? DEFAULT_MAX_PIECES);
}
