import type pg from "pg";
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
/** `h` and `k` are the keyset position: the seeded hash and the content key that breaks its (rare) ties. */
interface Row { segment_ids: number[]; segment_keys: string[]; document_id: number; tokens: number; h: string; k: string; id: number }

// Each page is a full scan with a top-N sort (the seeded order has no index), so pages are large.
const PAGE = 50_000;

/** SQL for a segment's content key (see `segmentKey` in params.ts); `s` is the segment, `d` its document. */
const SEGMENT_KEY = `(d.sha256 || ':' || s.index)`;

export async function selectCandidates(db: Db, p: GenerateParams): Promise<Candidate[]> {
  const want = p.segmentIds ? Number.MAX_SAFE_INTEGER : p.count;
  const out: Candidate[] = [];
  const seen = new Set<string>();
  let after: { h: string; k: string; id: number } | null = null;
  for (;;) {
    const rows: Row[] = p.segmentIds ? await explicitRows(db, p) : await randomRows(db, p, after, Math.min(PAGE, Math.max(100, Math.ceil((want - out.length) * 1.2))));
    // The same text in two corpora has the same keys, hence the same item: keep the first only.
    const cands = rows.map((r) => ({ key: itemKey(p, r.segment_keys), segmentIds: r.segment_ids, documentId: r.document_id, tokens: Number(r.tokens) }))
      .filter((c) => !seen.has(c.key) && seen.add(c.key));
    const fresh = await withoutExisting(db, cands);
    out.push(...fresh.slice(0, want - out.length));
    const last = rows[rows.length - 1];
    if (p.segmentIds || out.length >= want || !last) return out;
    after = { h: last.h, k: last.k, id: last.id };
  }
}

async function withoutExisting(db: Db, cands: Candidate[]): Promise<Candidate[]> {
  if (!cands.length) return cands;
  const { rows } = await db.query<{ key: string }>(`SELECT key FROM generation_item WHERE key = ANY($1::text[])`, [cands.map((c) => c.key)]);
  const taken = new Set(rows.map((r) => r.key));
  return cands.filter((c) => !taken.has(c.key));
}

/**
 * The seeded order hashes content keys (document sha256, segment index) with the seed, never ids: two
 * databases that imported the same file in any order, or concurrently, select the same work. Ties of the
 * 64-bit hash fall back to the key (byte order), then the id (only the same text in two corpora gets there).
 */
function randomRows(db: Db, p: GenerateParams, after: { h: string; k: string; id: number } | null, limit: number): Promise<Row[]> {
  const args = [p.corpusId ?? null, p.seed, after?.h ?? null, after?.k ?? "", after?.id ?? 0, limit];
  if (p.type === "single") {
    return db.query<Row>(
      `SELECT ARRAY[s.id] AS segment_ids, ARRAY[${SEGMENT_KEY}] AS segment_keys, s.document_id, s.token_count AS tokens,
         hashtextextended(${SEGMENT_KEY}, $2)::text AS h, ${SEGMENT_KEY} AS k, s.id
       FROM segment s JOIN document d ON d.id = s.document_id
       WHERE NOT d.contaminated AND ($1::int IS NULL OR s.corpus_id = $1)
         AND ($3::bigint IS NULL OR (hashtextextended(${SEGMENT_KEY}, $2), ${SEGMENT_KEY} COLLATE "C", s.id) > ($3::bigint, $4::text COLLATE "C", $5::int))
       ORDER BY hashtextextended(${SEGMENT_KEY}, $2), ${SEGMENT_KEY} COLLATE "C", s.id LIMIT $6`, args).then((r) => r.rows);
  }
  // A long document contributes one seeded run of at most maxPieces consecutive segments (all of a shorter one).
  const MAX_PIECES = piecesCap(p);
  return db.query<Row>(
    `WITH docs AS (
       SELECT d.id, d.sha256, d.segment_count AS n, hashtextextended(d.sha256, $2) AS h FROM document d
       WHERE NOT d.contaminated AND d.segment_count >= 2 AND ($1::int IS NULL OR d.corpus_id = $1)
         AND ($3::bigint IS NULL OR (hashtextextended(d.sha256, $2), d.sha256 COLLATE "C", d.id) > ($3::bigint, $4::text COLLATE "C", $5::int))
       ORDER BY h, d.sha256 COLLATE "C", d.id LIMIT $6),
     runs AS (
       SELECT id, sha256, h, CASE WHEN n <= ${MAX_PIECES} THEN 0
         ELSE ((hashtextextended(sha256, $2 + 1) % (n - ${MAX_PIECES - 1})) + (n - ${MAX_PIECES - 1})) % (n - ${MAX_PIECES - 1}) END AS start,
         least(n, ${MAX_PIECES}) AS len FROM docs)
     SELECT array_agg(s.id ORDER BY s.index) AS segment_ids, array_agg(r.sha256 || ':' || s.index ORDER BY s.index) AS segment_keys,
       r.id AS document_id, sum(s.token_count)::int AS tokens, r.h::text AS h, r.sha256 AS k, r.id
     FROM runs r JOIN segment s ON s.document_id = r.id AND s.index >= r.start AND s.index < r.start + r.len
     GROUP BY r.id, r.sha256, r.h ORDER BY r.h, r.sha256 COLLATE "C", r.id`, args).then((r) => r.rows);
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
