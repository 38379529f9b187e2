import pg from "pg";
import { pool, withTransaction } from "@/lib/db/client";

/** A generated pair before it is stored. `original` is the generator's untouched output, kept forever. */
export interface NewPair {
  type: "single" | "multi";
  corpusId: number;
  documentId: number;
  question: string;
  answer: string;
  support: string[];
  /** needed: false = shown to the generator but not needed by the answer (the generator's `pieces`); default true */
  evidence: { piece: number; segmentId: number; documentId: number; needed?: boolean }[];
  provider: string;
  model: string;
  promptVersion: string;
  original: unknown;
  jobId?: number | null;
  /** stable content key (the generation item's key); without one a content-derived "manual" key is set */
  key?: string | null;
}

type Queryable = Pick<pg.Pool | pg.PoolClient, "query">;

/**
 * Inserts pairs with their evidence and a `created` history event, set-based (a fixed number of statements for
 * any number of pairs). Pass a transaction's client to make it atomic with other writes (e.g. marking the
 * generation item done); given the pool, it runs in a transaction of its own. Returns the new ids in input
 * order. Quality flags are computed separately.
 */
export async function insertPairs(pairs: NewPair[], db: Queryable = pool()): Promise<number[]> {
  if (!pairs.length) return [];
  // Manual keys need a transaction (the per-key locks below last until it ends); any insert is better atomic.
  if (db instanceof pg.Pool) return withTransaction((client) => insertPairs(pairs, client));
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO pair (type, corpus_id, document_id, question, answer, support, original, provider, model, prompt_version, job_id, key)
     SELECT t::"PairType", c, d, q, a, s, o, pr, m, pv, j, k
     FROM unnest($1::text[], $2::int[], $3::int[], $4::text[], $5::text[], $6::jsonb[], $7::jsonb[], $8::text[], $9::text[], $10::text[], $11::int[], $12::text[])
       WITH ORDINALITY AS u(t, c, d, q, a, s, o, pr, m, pv, j, k, ord)
     ORDER BY ord
     RETURNING id`,
    [pairs.map((p) => p.type), pairs.map((p) => p.corpusId), pairs.map((p) => p.documentId), pairs.map((p) => p.question),
      pairs.map((p) => p.answer), pairs.map((p) => JSON.stringify(p.support)), pairs.map((p) => JSON.stringify(p.original ?? null)),
      pairs.map((p) => p.provider), pairs.map((p) => p.model), pairs.map((p) => p.promptVersion), pairs.map((p) => p.jobId ?? null),
      pairs.map((p) => p.key ?? null)]);
  // Postgres returns INSERT … SELECT … ORDER BY rows in insertion order, and serial ids follow it.
  const ids = rows.map((r) => r.id).sort((a, b) => a - b);
  const ev = { pair: [] as number[], piece: [] as number[], seg: [] as number[], doc: [] as number[], needed: [] as boolean[] };
  pairs.forEach((p, i) => {
    for (const e of p.evidence) {
      ev.pair.push(ids[i]!); ev.piece.push(e.piece); ev.seg.push(e.segmentId); ev.doc.push(e.documentId); ev.needed.push(e.needed ?? true);
    }
  });
  await db.query(
    `INSERT INTO pair_evidence (pair_id, piece, segment_id, document_id, needed) SELECT * FROM unnest($1::int[], $2::int[], $3::int[], $4::int[], $5::bool[])`,
    [ev.pair, ev.piece, ev.seg, ev.doc, ev.needed]);
  if (pairs.some((p) => !p.key)) await setManualKeys(ids, db);
  await db.query(
    `INSERT INTO pair_event (pair_id, actor_id, kind, after)
     SELECT id, NULL, 'created', jsonb_build_object('question', question, 'answer', answer, 'support', support, 'status', status)
     FROM pair WHERE id = ANY($1::int[])`, [ids]);
  return ids;
}

/**
 * Content key for pairs that no generation item produced (the rule of migration 20261201200000):
 * "<type>|<segment keys>|manual:<sha256 of question \x1f answer>". Exact duplicates (the same type, evidence,
 * question and answer) are numbered: the first copy has the plain key, later copies "#2", "#3", … (one past the
 * highest number the key already has; the migration gave older duplicates "#<id>"). So keys never carry database
 * ids, and the same inputs give the same keys in any database.
 *
 * Concurrency: two transactions storing the same duplicate would both see the key free. Each key is therefore
 * locked (a transaction-scoped advisory lock, taken in one fixed order so two batches cannot deadlock on each
 * other) before the numbering statement reads what is taken; a second transaction waits until the first one ends
 * and then, in a new statement snapshot under READ COMMITTED, sees its key and takes the next number.
 */
async function setManualKeys(ids: number[], db: Queryable): Promise<void> {
  const { rows } = await db.query<{ id: number; k: string }>(MANUAL_BASE_SQL, [ids]);
  if (!rows.length) return;
  await db.query(
    `SELECT pg_advisory_xact_lock(${MANUAL_KEY_LOCK}, h) FROM (SELECT DISTINCT hashtext(k) AS h FROM unnest($1::text[]) k ORDER BY h) l`,
    [rows.map((r) => r.k)]);
  await db.query(MANUAL_NUMBER_SQL, [rows.map((r) => r.id), rows.map((r) => r.k)]);
}

/** Advisory lock class of manual pair keys (the two-int form, a key space apart from single bigint locks). */
const MANUAL_KEY_LOCK = 52_118_301;

const MANUAL_BASE_SQL = `
  SELECT p.id, p.type::text || '|'
    || coalesce((SELECT string_agg(d.sha256 || ':' || s.index, ',' ORDER BY e.piece)
                 FROM pair_evidence e JOIN segment s ON s.id = e.segment_id JOIN document d ON d.id = s.document_id
                 WHERE e.pair_id = p.id), '')
    || '|manual:' || encode(sha256(convert_to(p.question || E'\\x1f' || p.answer, 'UTF8')), 'hex') AS k
  FROM pair p WHERE p.id = ANY($1::int[]) AND p.key IS NULL`;

// The taken numbers of a key: the key itself is 1, "<key>#<n>" is n. The range [k, k || '$') walks pair_key_key
// (the database uses the C collation: '#' < '$'), the conditions after it keep only k and k#<digits>.
const MANUAL_NUMBER_SQL = `
  WITH new AS (
    SELECT id, k, row_number() OVER (PARTITION BY k ORDER BY id) AS rn FROM unnest($1::int[], $2::text[]) AS u(id, k)
  ), taken AS MATERIALIZED (
    SELECT f.k, (SELECT coalesce(max(CASE WHEN x.key = f.k THEN 1 ELSE substr(x.key, length(f.k) + 2)::bigint END), 0)
                 FROM pair x
                 WHERE x.key >= f.k AND x.key < f.k || '$'
                   AND (x.key = f.k OR (starts_with(x.key, f.k || '#') AND substr(x.key, length(f.k) + 2) ~ '^[0-9]{1,18}$'))) AS n
    FROM (SELECT DISTINCT k FROM new) f
  )
  UPDATE pair p SET key = CASE WHEN t.n + r.rn = 1 THEN r.k ELSE r.k || '#' || (t.n + r.rn) END
  FROM new r JOIN taken t ON t.k = r.k
  WHERE p.id = r.id`;
