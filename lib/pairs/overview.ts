import { pool } from "@/lib/db/client";
import type { PairStatus, PairType } from "./schemas";

export interface RateRow { key: string; accepted: number; rejected: number; total: number; acceptRate: number | null }
/** Individual reviews per period; bulk actions (event groups) are counted apart, never as reviews. */
export interface ReviewerRow { actorId: number; name: string; lastHour: number; today: number; last7Days: number; bulkActions: number; bulkPairs: number }
export interface PairOverview {
  total: number;
  byStatus: Record<PairStatus, number>;
  byType: Record<PairType, Record<PairStatus, number>>;
  byModel: RateRow[];
  byPromptVersion: RateRow[];
  reviewers: ReviewerRow[];
}

const zero = (): Record<PairStatus, number> => ({ pending: 0, accepted: 0, rejected: 0, flagged: 0 });

function rates(groups: Map<string, Record<PairStatus, number>>): RateRow[] {
  return [...groups].map(([key, s]) => {
    const decided = s.accepted + s.rejected;
    return { key, accepted: s.accepted, rejected: s.rejected, total: s.pending + s.accepted + s.rejected + s.flagged,
      acceptRate: decided ? s.accepted / decided : null };
  }).sort((a, b) => b.total - a.total);
}

/**
 * Progress of the review: the maintained counters (model × prompt version × type × status) give every count
 * and rate; reviewer throughput counts individual decisions by actor over the last 7 days, and bulk actions apart.
 */
export async function pairOverview(): Promise<PairOverview> {
  const [groups, reviewers] = await Promise.all([
    pool().query<{ model: string; pv: string; type: PairType; status: PairStatus; n: number }>(
      // pair_count is kept by triggers on pair (migration 20261201800000_pair_counts): a few hundred rows whatever
      // the number of pairs, where grouping the pairs themselves grew linearly (159 ms at 200K)
      `SELECT status, type, model, prompt_version AS pv, sum(n)::int AS n FROM pair_count GROUP BY 1, 2, 3, 4 HAVING sum(n) > 0`),
    pool().query<ReviewerRow>(
      // reviews = status events outside any group, plus blind votes on agreement overlap pairs (each vote is one
      // reviewer's decision, the first one included, though it leaves the pair pending); the status event an agreeing
      // second vote writes is that vote, not another review. A bulk action is one row of event_group (with its pair count)
      `WITH acts AS (
         SELECT e.actor_id, e.created_at FROM pair_event e
         WHERE e.created_at > now() - interval '7 days' AND e.actor_id IS NOT NULL AND e.kind = 'status' AND e.group_id IS NULL
           AND NOT coalesce(e.after ? 'agreed', false)
         UNION ALL
         SELECT v.user_id, v.created_at FROM review_vote v WHERE v.created_at > now() - interval '7 days'),
       reviews AS (
         SELECT actor_id,
           count(*) FILTER (WHERE created_at > now() - interval '1 hour')::int AS "lastHour",
           count(*) FILTER (WHERE created_at > date_trunc('day', now()))::int AS today,
           count(*)::int AS "last7Days"
         FROM acts GROUP BY 1),
       bulk AS (
         SELECT actor_id, count(*)::int AS "bulkActions", sum(changed)::int AS "bulkPairs" FROM event_group
         WHERE created_at > now() - interval '7 days' AND actor_id IS NOT NULL AND undone_at IS NULL GROUP BY 1)
       SELECT a.actor_id AS "actorId", coalesce(u.name, 'user ' || a.actor_id) AS name,
         coalesce(r."lastHour", 0) AS "lastHour", coalesce(r.today, 0) AS today, coalesce(r."last7Days", 0) AS "last7Days",
         coalesce(b."bulkActions", 0) AS "bulkActions", coalesce(b."bulkPairs", 0) AS "bulkPairs"
       FROM (SELECT actor_id FROM reviews UNION SELECT actor_id FROM bulk) a
       LEFT JOIN reviews r ON r.actor_id = a.actor_id LEFT JOIN bulk b ON b.actor_id = a.actor_id
       LEFT JOIN app_user u ON u.id = a.actor_id
       ORDER BY "last7Days" DESC, "bulkPairs" DESC`),
  ]);
  const o: PairOverview = { total: 0, byStatus: zero(), byType: { single: zero(), multi: zero() }, byModel: [], byPromptVersion: [], reviewers: reviewers.rows };
  const models = new Map<string, Record<PairStatus, number>>();
  const versions = new Map<string, Record<PairStatus, number>>();
  for (const g of groups.rows) {
    o.total += g.n;
    o.byStatus[g.status] += g.n;
    o.byType[g.type][g.status] += g.n;
    if (!models.has(g.model)) models.set(g.model, zero());
    if (!versions.has(g.pv)) versions.set(g.pv, zero());
    models.get(g.model)![g.status] += g.n;
    versions.get(g.pv)![g.status] += g.n;
  }
  o.byModel = rates(models);
  o.byPromptVersion = rates(versions);
  return o;
}
