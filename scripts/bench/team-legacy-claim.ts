// bench:team's reference for the queue claim: claimPairs as it was before the one-statement claim (commit db76930),
// kept verbatim but for names, so `--legacy-seconds N` measures both on the same database in the same run.
// Up to 4 rounds of "lock candidates in queue order SKIP LOCKED + upsert their leases"; a round wins nothing for the
// candidates another reviewer leased after its snapshot; then the pair rows and evidence in two more queries.
import { route } from "@/lib/api/route";
import { pool } from "@/lib/db/client";
import { getPairs } from "@/lib/pairs/detail";
import { Params } from "@/lib/pairs/filter";
import { cursorOf } from "@/lib/pairs/list";
import { queueSql } from "@/lib/pairs/queue";
import { queueQuery, type QueueQuery } from "@/lib/pairs/schemas";

const ROUNDS = 4;

async function legacyClaimPairs(userId: number, q: QueueQuery, ttl = 300) {
  const limit = Math.min(q.limit ?? 5, 20);
  const won: { id: number; leaseUntil: string; blind: boolean }[] = [];
  let after = q.after;
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
    const last = rows.reduce((a, b) => (compareKeys(q, a, b) > 0 ? a : b));
    after = cursorOf(last.sortKey, last.id);
    if (rows.length < limit) break;
  }
  const byId = new Map(won.map((w) => [w.id, w]));
  const pairs = await getPairs(won.map((w) => w.id));
  return { items: pairs.map((p) => ({ ...p, leaseUntil: byId.get(p.id)!.leaseUntil, blind: byId.get(p.id)!.blind })), next: after ?? null };
}

function compareKeys(q: QueueQuery, a: { sortKey: string | null; id: number }, b: { sortKey: string | null; id: number }): number {
  const dir = q.order === "highest" ? -1 : 1;
  const ka = Number(a.sortKey), kb = Number(b.sortKey);
  if (ka !== kb) return (ka < kb ? -1 : 1) * dir;
  return (a.id - b.id) * dir;
}

/** GET /api/pairs/next as it was, for the bench's own server only. */
export const legacyNextRoute = route({ role: "reviewer", query: queueQuery }, async ({ query, user }) => legacyClaimPairs(user.id, query));
