import { z } from "zod";
import { AppError } from "@/lib/api/errors";
import { pool } from "@/lib/db/client";
import { Params, pairWhere } from "@/lib/pairs/filter";
import { pairFilter } from "@/lib/pairs/schemas";

export const assignBody = z.object({
  filter: pairFilter.omit({ status: true }).default({}),
  /** the people who get the slice's pending pairs, split evenly */
  userIds: z.array(z.number().int().positive()).min(1).max(200),
  /** how long the assignment holds (then unreviewed pairs return to the shared queue) */
  days: z.number().min(1).max(90).default(7),
  /** at most this many pairs in all */
  limit: z.number().int().min(1).max(1_000_000).optional(),
  seed: z.string().trim().min(1).max(100).default("1"),
});

/**
 * An admin assigns a slice to people: its pending pairs that nobody holds are split among them (seeded by content
 * key, so the split does not depend on ids) as long leases. The queue then serves each pair only to its assignee, who
 * cannot give it back by skipping; it returns to everyone when the assignment runs out.
 */
export async function assignSlice(input: z.input<typeof assignBody>): Promise<{ assigned: Record<string, number> }> {
  const b = assignBody.parse(input);
  const { rows: users } = await pool().query<{ id: number }>(
    `SELECT id FROM app_user WHERE id = ANY($1::int[]) AND role IN ('reviewer', 'curator', 'admin') ORDER BY id`, [b.userIds]);
  if (users.length !== new Set(b.userIds).size) throw new AppError("bad_request", "every assignee must be an existing reviewer, curator or admin");
  const params = new Params();
  const where = pairWhere({ ...b.filter, status: "pending" }, params);
  const ids = params.add(users.map((u) => u.id));
  const res = await pool().query<{ userId: number; n: number }>(
    `WITH slice AS (
       SELECT p.id, row_number() OVER (ORDER BY hashtextextended(coalesce(p.key, 'id:' || p.id) || '|' || ${params.add(b.seed)}::text, 0), p.id) - 1 AS k
       FROM pair p WHERE ${where}
         AND NOT EXISTS (SELECT 1 FROM pair_lease l WHERE l.pair_id = p.id AND l.expires_at > now())
       ${b.limit ? `LIMIT ${params.add(b.limit)}` : ""}),
     put AS (
       INSERT INTO pair_lease (pair_id, user_id, expires_at)
       SELECT s.id, (${ids}::int[])[1 + (s.k % array_length(${ids}::int[], 1))], now() + make_interval(days => ${params.add(Math.ceil(b.days))}::int)
       FROM slice s
       ON CONFLICT (pair_id) DO UPDATE SET user_id = EXCLUDED.user_id, expires_at = EXCLUDED.expires_at WHERE pair_lease.expires_at <= now()
       RETURNING user_id)
     SELECT user_id AS "userId", count(*)::int AS n FROM put GROUP BY 1`, params.values);
  return { assigned: Object.fromEntries(users.map((u) => [String(u.id), res.rows.find((r) => r.userId === u.id)?.n ?? 0])) };
}
