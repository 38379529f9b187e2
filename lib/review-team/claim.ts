import { pool } from "@/lib/db/client";
import { getPairs } from "@/lib/pairs/detail";
import { Params } from "@/lib/pairs/filter";
import { cursorOf } from "@/lib/pairs/list";
import { queueSql } from "@/lib/pairs/queue";
import type { QueueQuery } from "@/lib/pairs/schemas";
import type { PairDetail } from "@/lib/pairs/types";

/** A queue pair as a reviewer gets it: leased to them until `leaseUntil`; `blind` = an agreement overlap pair. */
export type QueuedPair = PairDetail & { leaseUntil: string; blind: boolean };

/**
 * How long a served pair stays reserved for its reviewer. Long enough to read a long multi-piece pair; short
 * enough that pairs of a reviewer who closed the tab are back in the queue within minutes.
 */
export function leaseSeconds(): number {
  const v = Number(process.env.IN2_LEASE_SECONDS);
  return Number.isFinite(v) && v > 0 ? v : 300;
}

/** Claims are retried when others won most candidates (50 reviewers at the queue head). */
const ROUNDS = 4;

/**
 * Leases the next pending pairs of the queue to `userId`, so two reviewers are never served the same pair at the
 * same time. One statement per round: candidates in queue order that nobody else holds (`FOR UPDATE SKIP LOCKED`
 * lets concurrent claimers step past each other's candidates instead of queueing on them), then an upsert of
 * their leases whose `WHERE` re-checks the latest committed lease, so a claim racing another never steals it.
 * Pairs this reviewer already holds are served again (a reload or "start over" shows them) and their lease renewed.
 * Overlap pairs (agreement) are served to reviewers who have not voted on them, while open.
 */
export async function claimPairs(userId: number, q: QueueQuery, opts: { ttlSeconds?: number } = {}): Promise<{ items: QueuedPair[]; next: string | null }> {
  const limit = Math.min(q.limit ?? 5, 20);
  const ttl = opts.ttlSeconds ?? leaseSeconds();
  const won: { id: number; leaseUntil: string; blind: boolean }[] = [];
  let after = q.after;
  if (Math.random() < 0.01) void sweepExpired().catch(() => {});
  for (let round = 0; round < ROUNDS && won.length < limit; round++) {
    const params = new Params();
    const { where, ks } = queueSql({ ...q, after }, params);
    const me = params.add(userId);
    const want = params.add(limit - won.length);
    const { rows } = await pool().query<{ id: number; sortKey: string | null; leaseUntil: Date | null; blind: boolean }>(
      `WITH cand AS (
         SELECT p.id, ${ks.keySql} AS sort_key FROM pair p
         WHERE ${where} AND ${ks.cond}
           AND NOT EXISTS (SELECT 1 FROM pair_lease l WHERE l.pair_id = p.id AND l.expires_at > now() AND l.user_id <> ${me}::int)
           AND NOT EXISTS (SELECT 1 FROM review_vote v WHERE v.pair_id = p.id AND v.user_id = ${me}::int)
           AND NOT EXISTS (SELECT 1 FROM overlap_pair o WHERE o.pair_id = p.id AND o.state <> 'open')
         ORDER BY ${ks.order} LIMIT ${want}
         FOR UPDATE OF p SKIP LOCKED),
       claimed AS (
         INSERT INTO pair_lease AS l (pair_id, user_id, expires_at)
         SELECT id, ${me}::int, now() + make_interval(secs => ${params.add(ttl)}::float8) FROM cand
         -- greatest: serving a pair never shortens a longer lease (an admin's assignment, lib/review-team/assign.ts)
         ON CONFLICT (pair_id) DO UPDATE SET user_id = EXCLUDED.user_id,
           expires_at = CASE WHEN l.user_id = EXCLUDED.user_id THEN greatest(l.expires_at, EXCLUDED.expires_at) ELSE EXCLUDED.expires_at END
           WHERE l.expires_at <= now() OR l.user_id = EXCLUDED.user_id
         RETURNING pair_id, expires_at)
       SELECT c.id, c.sort_key AS "sortKey", cl.expires_at AS "leaseUntil",
         EXISTS (SELECT 1 FROM overlap_pair o WHERE o.pair_id = c.id) AS blind
       FROM cand c LEFT JOIN claimed cl ON cl.pair_id = c.id`,
      params.values);
    if (!rows.length) break;
    for (const r of rows) if (r.leaseUntil) won.push({ id: r.id, leaseUntil: r.leaseUntil.toISOString(), blind: r.blind });
    // continue after the last candidate in queue order, won or not
    const last = rows.reduce((a, b) => (compareKeys(q, a, b) > 0 ? a : b));
    after = cursorOf(last.sortKey, last.id);
    if (rows.length < limit) break;
  }
  const byId = new Map(won.map((w) => [w.id, w]));
  const pairs = await getPairs(won.map((w) => w.id));
  return { items: pairs.map((p) => ({ ...p, leaseUntil: byId.get(p.id)!.leaseUntil, blind: byId.get(p.id)!.blind })), next: after ?? null };
}

/** Queue order of two candidate rows (score asc or desc, then id). */
function compareKeys(q: QueueQuery, a: { sortKey: string | null; id: number }, b: { sortKey: string | null; id: number }): number {
  const dir = q.order === "highest" ? -1 : 1;
  const ka = Number(a.sortKey), kb = Number(b.sortKey);
  if (ka !== kb) return (ka < kb ? -1 : 1) * dir;
  return (a.id - b.id) * dir;
}

/**
 * Gives pairs back to the queue (a skip, leaving the review page); only the caller's own leases, and never an
 * assignment (a lease running longer than a day): assigned pairs stay with their reviewer.
 */
export async function releaseLeases(userId: number, pairIds: number[]): Promise<{ released: number }> {
  const res = await pool().query(`DELETE FROM pair_lease WHERE user_id = $1 AND pair_id = ANY($2::int[]) AND expires_at < now() + interval '1 day'`, [userId, pairIds]);
  return { released: res.rowCount ?? 0 };
}

/** Who holds a pair now, if anyone (for the pair page and tests). */
export async function leaseOf(pairId: number): Promise<{ userId: number; expiresAt: string } | null> {
  const { rows } = await pool().query<{ userId: number; expiresAt: Date }>(
    `SELECT user_id AS "userId", expires_at AS "expiresAt" FROM pair_lease WHERE pair_id = $1 AND expires_at > now()`, [pairId]);
  const r = rows[0];
  return r ? { userId: r.userId, expiresAt: r.expiresAt.toISOString() } : null;
}

/** Expired leases are inert (claims overwrite them); deleting old ones now and then keeps the table small. */
export async function sweepExpired(): Promise<number> {
  const res = await pool().query(`DELETE FROM pair_lease WHERE expires_at < now() - interval '10 minutes'`);
  return res.rowCount ?? 0;
}
