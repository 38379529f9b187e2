import type pg from "pg";
import { itemKey, type GenerateParams } from "./params";

/**
 * Chooses the work of a job: "N random segments (or documents) with seed S" in a reproducible seeded
 * order, or an explicit list of segment ids. Contaminated documents are never used. Work that already
 * has an item under the same key (same type, segments, prompt version and model, from any job) is
 * skipped, so asking for 1,000 more pairs with the same seed gives 1,000 new ones.
 */
export const MAX_PIECES = 8;

export interface Candidate { key: string; segmentIds: number[]; documentId: number; tokens: number }

type Db = Pick<pg.PoolClient | pg.Pool, "query">;
interface Row { segment_ids: number[]; document_id: number; tokens: number; h: string; id: number }

// Each page is a full scan with a top-N sort (the seeded order has no index), so pages are large.
const PAGE = 50_000;

export async function selectCandidates(db: Db, p: GenerateParams): Promise<Candidate[]> {
  const want = p.segmentIds ? Number.MAX_SAFE_INTEGER : p.count;
  const out: Candidate[] = [];
  let after: { h: string; id: number } | null = null;
  for (;;) {
    const rows: Row[] = p.segmentIds ? await explicitRows(db, p) : await randomRows(db, p, after, Math.min(PAGE, Math.max(100, Math.ceil((want - out.length) * 1.2))));
    const fresh = await withoutExisting(db, rows.map((r) => ({ key: itemKey(p, r.segment_ids), segmentIds: r.segment_ids, documentId: r.document_id, tokens: Number(r.tokens) })));
    out.push(...fresh.slice(0, want - out.length));
    const last = rows[rows.length - 1];
    if (p.segmentIds || out.length >= want || !last) return out;
    after = { h: last.h, id: last.id };
  }
}

async function withoutExisting(db: Db, cands: Candidate[]): Promise<Candidate[]> {
  if (!cands.length) return cands;
  const { rows } = await db.query<{ key: string }>(`SELECT key FROM generation_item WHERE key = ANY($1::text[])`, [cands.map((c) => c.key)]);
  const taken = new Set(rows.map((r) => r.key));
  return cands.filter((c) => !taken.has(c.key));
}

function randomRows(db: Db, p: GenerateParams, after: { h: string; id: number } | null, limit: number): Promise<Row[]> {
  const args = [p.corpusId ?? null, p.seed, after?.h ?? null, after?.id ?? 0, limit];
  if (p.type === "single") {
    return db.query<Row>(
      `SELECT ARRAY[s.id] AS segment_ids, s.document_id, s.token_count AS tokens, hashtextextended(s.id::text, $2)::text AS h, s.id
       FROM segment s JOIN document d ON d.id = s.document_id
       WHERE NOT d.contaminated AND ($1::int IS NULL OR s.corpus_id = $1)
         AND ($3::bigint IS NULL OR (hashtextextended(s.id::text, $2), s.id) > ($3::bigint, $4::int))
       ORDER BY hashtextextended(s.id::text, $2), s.id LIMIT $5`, args).then((r) => r.rows);
  }
  // A long document contributes one seeded run of at most MAX_PIECES consecutive segments.
  return db.query<Row>(
    `WITH docs AS (
       SELECT d.id, d.segment_count AS n, hashtextextended(d.id::text, $2) AS h FROM document d
       WHERE NOT d.contaminated AND d.segment_count >= 2 AND ($1::int IS NULL OR d.corpus_id = $1)
         AND ($3::bigint IS NULL OR (hashtextextended(d.id::text, $2), d.id) > ($3::bigint, $4::int))
       ORDER BY h, d.id LIMIT $5),
     runs AS (
       SELECT id, h, CASE WHEN n <= ${MAX_PIECES} THEN 0
         ELSE ((hashtextextended(id::text, $2 + 1) % (n - ${MAX_PIECES - 1})) + (n - ${MAX_PIECES - 1})) % (n - ${MAX_PIECES - 1}) END AS start,
         least(n, ${MAX_PIECES}) AS len FROM docs)
     SELECT array_agg(s.id ORDER BY s.index) AS segment_ids, r.id AS document_id, sum(s.token_count)::int AS tokens, r.h::text AS h, r.id
     FROM runs r JOIN segment s ON s.document_id = r.id AND s.index >= r.start AND s.index < r.start + r.len
     GROUP BY r.id, r.h ORDER BY r.h, r.id`, args).then((r) => r.rows);
}

async function explicitRows(db: Db, p: GenerateParams): Promise<Row[]> {
  const { rows } = await db.query<{ id: number; document_id: number; index: number; token_count: number }>(
    `SELECT s.id, s.document_id, s.index, s.token_count FROM segment s JOIN document d ON d.id = s.document_id
     WHERE s.id = ANY($1::int[]) AND NOT d.contaminated ORDER BY s.document_id, s.index`, [p.segmentIds]);
  if (p.type === "single") return rows.map((r) => ({ segment_ids: [r.id], document_id: r.document_id, tokens: r.token_count, h: "0", id: r.id }));
  // multi: the chosen segments of each document, in document order, in runs of at most MAX_PIECES
  const out: Row[] = [];
  const byDoc = new Map<number, typeof rows>();
  for (const r of rows) byDoc.set(r.document_id, [...(byDoc.get(r.document_id) ?? []), r]);
  for (const [doc, segs] of byDoc) {
    for (let i = 0; i < segs.length; i += MAX_PIECES) {
      const run = segs.slice(i, i + MAX_PIECES);
      if (run.length >= 2) out.push({ segment_ids: run.map((s) => s.id), document_id: doc, tokens: run.reduce((a, s) => a + s.token_count, 0), h: "0", id: doc });
    }
  }
  return out;
}
