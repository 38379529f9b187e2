import { z } from "zod";
import { AppError } from "@/lib/api/errors";
import { pool } from "@/lib/db/client";
import { Params, pairWhere } from "@/lib/pairs/filter";
import { pairFilter, type PairStatus } from "@/lib/pairs/schemas";
import type { PairWriteResult } from "@/lib/pairs/types";
import { applyChange, changedOnly, withLockedPair } from "@/lib/pairs/write";
import { cohenKappa, kappaLabel, type Kappa } from "./kappa";

export const DECISIONS = ["accepted", "rejected", "flagged"] as const;
export type Decision = (typeof DECISIONS)[number];

export const overlapBody = z.object({
  /** share of the slice's pending pairs routed to two reviewers, e.g. 0.05 */
  fraction: z.number().gt(0).max(1),
  filter: pairFilter.omit({ audit: true }).default({}),
  seed: z.string().trim().min(1).max(100).default("1"),
});
export const voteBody = z.object({ pairId: z.number().int().positive(), decision: z.enum(DECISIONS) });
export const adjudicateBody = voteBody;

/**
 * Routes a seeded fraction of the slice's pending pairs to two reviewers. Membership is a hash of the pair's content
 * key and the seed, so it does not depend on ids or order, and re-running adds nothing twice.
 */
export async function routeOverlap(body: z.input<typeof overlapBody>): Promise<{ added: number; total: number }> {
  const b = overlapBody.parse(body);
  const params = new Params();
  const where = pairWhere({ ...b.filter, status: "pending" }, params);
  const res = await pool().query(
    `INSERT INTO overlap_pair (pair_id)
     SELECT p.id FROM pair p WHERE ${where}
       AND (hashtextextended(coalesce(p.key, 'id:' || p.id) || '|' || ${params.add(b.seed)}::text, 0) & 1048575) < ${params.add(Math.round(b.fraction * 1048576))}
     ON CONFLICT (pair_id) DO NOTHING`, params.values);
  const { rows } = await pool().query<{ n: number }>(`SELECT count(*)::int AS n FROM overlap_pair`);
  return { added: res.rowCount ?? 0, total: rows[0]?.n ?? 0 };
}

/**
 * A reviewer's blind decision on an overlap pair. The pair stays pending after the first vote (its lease is given
 * back, so a second reviewer is served it; the queue never serves it to the first again). On the second vote two
 * equal decisions become the pair's status; two different ones go to the disagreements list for adjudication.
 * A reviewer may change their vote while the pair waits for the second one.
 */
export async function vote(pairId: number, userId: number, decision: Decision): Promise<{ state: string; votes: number; pair?: PairWriteResult["pair"] }> {
  return withLockedPair(pairId, async (row, client) => {
    const { rows } = await client.query<{ state: string; votes: number }>(`SELECT state, votes FROM overlap_pair WHERE pair_id = $1 FOR UPDATE`, [pairId]);
    const o = rows[0];
    if (!o) throw new AppError("bad_request", `pair ${pairId} is not routed to two reviewers; decide it normally`);
    if (o.state !== "open" || row.status !== "pending") throw new AppError("conflict", `pair ${pairId} is already decided (${o.state})`);
    const ins = await client.query<{ inserted: boolean }>(
      `INSERT INTO review_vote (pair_id, user_id, decision, guidelines_version)
       VALUES ($1, $2, $3, (SELECT max(id) FROM guidelines_version))
       ON CONFLICT (pair_id, user_id) DO UPDATE SET decision = EXCLUDED.decision, created_at = now()
       RETURNING (xmax = 0) AS inserted`, [pairId, userId, decision]);
    const votes = o.votes + (ins.rows[0]?.inserted ? 1 : 0);
    await client.query(`DELETE FROM pair_lease WHERE pair_id = $1`, [pairId]);
    if (votes < 2) {
      await client.query(`UPDATE overlap_pair SET votes = $2 WHERE pair_id = $1`, [pairId, votes]);
      return { state: "open", votes };
    }
    const { rows: both } = await client.query<{ decision: Decision }>(`SELECT decision FROM review_vote WHERE pair_id = $1`, [pairId]);
    const agreed = both.every((v) => v.decision === both[0]!.decision);
    await client.query(`UPDATE overlap_pair SET votes = $2, state = $3 WHERE pair_id = $1`, [pairId, votes, agreed ? "agreed" : "disagreed"]);
    if (!agreed) return { state: "disagreed", votes };
    const r = await applyChange(client, row, "status", changedOnly(row, { status: decision, reviewerId: userId, reviewedAt: new Date().toISOString() }), userId, { agreed: true });
    return { state: "agreed", votes, pair: r.pair };
  });
}

/** A curator settles a disagreement: the decision becomes the pair's status, recorded as theirs. */
export async function adjudicate(pairId: number, userId: number, decision: Decision): Promise<PairWriteResult> {
  return withLockedPair(pairId, async (row, client) => {
    const { rows } = await client.query<{ state: string }>(`SELECT state FROM overlap_pair WHERE pair_id = $1 FOR UPDATE`, [pairId]);
    if (rows[0]?.state !== "disagreed") throw new AppError("conflict", `pair ${pairId} has no open disagreement`);
    await client.query(`UPDATE overlap_pair SET state = 'adjudicated' WHERE pair_id = $1`, [pairId]);
    return applyChange(client, row, "status", changedOnly(row, { status: decision as PairStatus, reviewerId: userId, reviewedAt: new Date().toISOString() }), userId, { adjudicated: true });
  });
}

export interface PairKappa extends Kappa { a: string; b: string; label: string }
export interface Disagreement { pairId: number; question: string; votes: { reviewer: string; decision: Decision; at: string }[] }
export interface AgreementReport {
  overlap: { open: number; agreed: number; disagreed: number; adjudicated: number };
  overall: Kappa & { label: string };
  pairs: PairKappa[];
  disagreements: Disagreement[];
}

/**
 * Kappa per reviewer pair (over the pairs both decided) and overall (first vote against second vote over every
 * double-decided pair, whoever the two were), and the open disagreements, oldest first.
 */
export async function agreementReport(): Promise<AgreementReport> {
  const [states, votes, dis] = await Promise.all([
    pool().query<{ state: keyof AgreementReport["overlap"]; n: number }>(`SELECT state, count(*)::int AS n FROM overlap_pair GROUP BY 1`),
    pool().query<{ pairId: number; a: string; b: string; da: Decision; db: Decision }>(
      `SELECT v1.pair_id AS "pairId", coalesce(u1.name, u1.email) AS a, coalesce(u2.name, u2.email) AS b, v1.decision AS da, v2.decision AS db
       FROM overlap_pair o
       JOIN review_vote v1 ON v1.pair_id = o.pair_id
       JOIN review_vote v2 ON v2.pair_id = o.pair_id AND (v2.created_at, v2.user_id) > (v1.created_at, v1.user_id)
       JOIN app_user u1 ON u1.id = v1.user_id JOIN app_user u2 ON u2.id = v2.user_id
       WHERE o.votes >= 2`),
    pool().query<{ pairId: number; question: string; reviewer: string; decision: Decision; at: Date }>(
      `SELECT o.pair_id AS "pairId", p.question, coalesce(u.name, u.email) AS reviewer, v.decision, v.created_at AS at
       FROM (SELECT pair_id, created_at FROM overlap_pair WHERE state = 'disagreed' ORDER BY created_at, pair_id LIMIT 200) o
       JOIN pair p ON p.id = o.pair_id JOIN review_vote v ON v.pair_id = o.pair_id JOIN app_user u ON u.id = v.user_id
       ORDER BY o.created_at, o.pair_id, v.created_at`),
  ]);
  const overlap = { open: 0, agreed: 0, disagreed: 0, adjudicated: 0 };
  for (const s of states.rows) overlap[s.state] = s.n;
  const overall = cohenKappa(votes.rows.map((v) => [v.da, v.db] as const));
  const byPair = new Map<string, { a: string; b: string; r: (readonly [Decision, Decision])[] }>();
  for (const v of votes.rows) {
    // one orientation per reviewer pair (alphabetical), so A–B and B–A pool together
    const [a, b, da, db] = v.a <= v.b ? [v.a, v.b, v.da, v.db] : [v.b, v.a, v.db, v.da];
    const key = `${a}\u0000${b}`;
    if (!byPair.has(key)) byPair.set(key, { a, b, r: [] });
    byPair.get(key)!.r.push([da, db]);
  }
  const pairs = [...byPair.values()].map(({ a, b, r }) => { const k = cohenKappa(r); return { a, b, ...k, label: kappaLabel(k.kappa) }; })
    .sort((x, y) => y.n - x.n);
  const disagreements = new Map<number, Disagreement>();
  for (const d of dis.rows) {
    if (!disagreements.has(d.pairId)) disagreements.set(d.pairId, { pairId: d.pairId, question: d.question, votes: [] });
    disagreements.get(d.pairId)!.votes.push({ reviewer: d.reviewer, decision: d.decision, at: d.at.toISOString() });
  }
  return { overlap, overall: { ...overall, label: kappaLabel(overall.kappa) }, pairs, disagreements: [...disagreements.values()] };
}
