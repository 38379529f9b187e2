import os from "node:os";
import type { PoolClient } from "pg";
import { pool } from "@/lib/db/client";
import { PAIR_COLUMNS, withEvidence, type PairRow } from "@/lib/pairs/detail";
import { Params } from "@/lib/pairs/filter";
import { cursorOf } from "@/lib/pairs/list";
import { prepared, RUNS_PAST_CUSTOM_PLANS } from "@/lib/db/prepared";
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

/** Candidates locked per claim beyond the ones wanted: room for those another reviewer won a moment earlier. */
const SPARE = 2;
/** At most this many statements per request; a second one is rare (see claimPairs). */
const ROUNDS = 4;

/**
 * How many claims run at once in this process (IN2_CLAIM_CONCURRENCY, default the machine's cores, at least 2); the
 * others wait their turn in arrival order. Concurrent claims of one queue all start at its head: each steps over the candidates the others
 * hold, a candidate leased after its snapshot costs a failed upsert or a further statement, and every pooled
 * connection that takes part pays its first claim (catalog caches, the plpgsql compile, five custom plans before
 * the generic one) — in the start burst of bench:team, 50 claims at once on 10 connections spent ~2x the PostgreSQL
 * CPU of the same 50 claims two at a time (430 vs 220 ms), on a machine whose 2 cores the server shares with
 * PostgreSQL. A claim is CPU work in PostgreSQL (~1–2 ms), so more at once than cores only contend; the session
 * checks and everything else still use the whole pool.
 */
export function claimSlots(): number {
  const v = Number(process.env.IN2_CLAIM_CONCURRENCY);
  return Number.isInteger(v) && v > 0 ? v : Math.max(2, os.availableParallelism());
}
let running = 0;
const queued: (() => void)[] = [];
function acquireSlot(): Promise<void> | void {
  if (running < claimSlots()) {
    running++;
    return;
  }
  return new Promise<void>((resolve) => queued.push(resolve));
}
/** Hands the slot to the next waiting claim, or frees it. */
function releaseSlot(): void {
  const next = queued.shift();
  if (next) next();
  else running--;
}

type ClaimRow = PairRow & { candId: number; sortKey: string | null; leaseUntil: Date | null; blind: boolean; evidence: EvidenceRows | null };
type EvidenceRows = Parameters<typeof withEvidence>[1];
type Position = { sortKey: string | null; id: number };

/**
 * Leases the next pending pairs of the queue to `userId`, so two reviewers are never served the same pair at the
 * same time, and returns them whole: one statement per request as a rule (the pair rows and their evidence come with
 * the claim). It locks candidates in queue order that nobody else holds, `FOR UPDATE SKIP LOCKED` (concurrent
 * claimers step past each other's candidates instead of queueing on them), a few more than wanted; the function
 * `claim_pair_leases` then leases them in order, each upsert re-checking the latest committed lease, until it has
 * won `limit`. A candidate another reviewer leased after this statement's snapshot is passed over, so 50 reviewers
 * starting at the same queue head need no retry rounds (before, a round won nothing when its candidates had just
 * been leased, and each retry waited for a pooled connection again: the next-pair p99 of bench:team).
 * Rarely a second statement: when every candidate was taken, it goes on after them; when the unlocked candidates ran
 * out (a small queue that concurrent claimers have locked), it looks again from the start, waiting for their locks
 * instead of skipping (its snapshot then sees their leases), so a page is never short while free pairs remain (a
 * short page tells the review page that the queue is exhausted).
 * Spare candidates a claim locked but did not need stay free, ahead of its own cursor: another reviewer may have
 * stepped past them meanwhile, and the claimer is served them on its next refill.
 * Pairs this reviewer already holds are served again (a reload or "start over" shows them) and their lease renewed.
 * Overlap pairs (agreement) are served to reviewers who have not voted on them, while open.
 * `next` is the last pair served in queue order (or the last candidate when all were tried): the cursor never passes
 * a free pair.
 */
export async function claimPairs(userId: number, q: QueueQuery, opts: { ttlSeconds?: number } = {}): Promise<{ items: QueuedPair[]; next: string | null }> {
  if (Math.random() < 0.01) void sweepExpired().catch(() => {});
  // at most claimSlots() claims at once (see there), and every statement of a claim on one connection: a further
  // statement does not wait for a pooled connection again behind everyone else's requests
  await acquireSlot();
  const db = await pool().connect().catch((err: unknown) => { releaseSlot(); throw err; });
  let claimed: { won: ClaimRow[]; next: string | null };
  try {
    claimed = await claimOn(db, userId, q, opts.ttlSeconds ?? leaseSeconds());
  } finally {
    db.release();
    releaseSlot();
  }
  // the pairs are shaped (support quotes located in the evidence) after the connection and the slot are free
  const items = claimed.won.map(({ candId: _c, sortKey: _k, leaseUntil, blind, evidence, ...pair }): QueuedPair =>
    ({ ...withEvidence(pair, evidence ?? []), leaseUntil: leaseUntil!.toISOString(), blind }));
  return { items, next: claimed.next };
}

/** The claim's rounds on one connection (see claimPairs). */
async function claimOn(db: PoolClient, userId: number, q: QueueQuery, ttl: number): Promise<{ won: ClaimRow[]; next: string | null }> {
  const limit = Math.min(q.limit ?? 5, 20);
  const won: ClaimRow[] = [];
  let from = q.after;
  let furthest: Position | null = null;
  let wait = false;
  for (let round = 0; round < ROUNDS; round++) {
    const want = limit - won.length;
    const take = want + SPARE;
    const params = new Params();
    const { where, ks } = queueSql({ ...q, after: from }, params);
    const me = params.add(userId);
    const rows = await claimStatement(db, where, ks, { me, take, want, ttl: params.add(ttl),
      served: won.length ? params.add(won.map((p) => p.id)) : null, wait }, params.values);
    rows.sort((a, b) => compareKeys(q, { sortKey: a.sortKey, id: a.candId }, { sortKey: b.sortKey, id: b.candId }));
    const served = rows.filter((r) => r.leaseUntil);
    won.push(...served);
    // all `want` won: the cursor stops at the last one served (candidates after it were not tried); otherwise every
    // candidate was tried and those not won are others'
    const lastRow = served.length === want ? served[served.length - 1] : rows[rows.length - 1];
    const last = lastRow ? { sortKey: lastRow.sortKey, id: lastRow.candId } : null;
    if (last && (!furthest || compareKeys(q, last, furthest) > 0)) furthest = last;
    if (won.length === limit) break;
    if (rows.length === take) {
      // every candidate tried, others won them: go on after them
      from = cursorOf(last!.sortKey, last!.id);
    } else if (!wait) {
      // the unlocked candidates ran out: from the start once more, waiting for other claimers' locks
      wait = true;
      from = q.after;
    } else {
      break;
    }
  }
  return { won, next: furthest ? cursorOf(furthest.sortKey, furthest.id) : q.after ?? null };
}

/** The queue the review page opens with: no filter, its prefetch of 5 (components/hooks/use-review-queue.ts). */
const OPENING_QUEUE: QueueQuery = { limit: 5 };

/**
 * Warms one pooled connection for the review queue's opening claim, the statement a team's start burst runs:
 * PostgreSQL's catalog caches for `pair` (~40 indexes) and `pair_lease`, the plpgsql compile of
 * `claim_pair_leases`, and the claim's named statement parsed and run past PostgreSQL's five custom plans (it then
 * has its generic plan and has chosen between the two; for this statement it goes on planning, which is cheap once the
 * caches are warm: 50 claims at once cost 30–50 ms of PostgreSQL CPU warmed against 60–100 ms cold). It claims
 * for real as the first user (the only way to run those paths) inside a transaction it rolls back, so nothing is
 * leased. Returns false when there is no user yet (nothing to claim for; nobody to serve either).
 */
export async function warmClaim(db: PoolClient): Promise<boolean> {
  const { rows } = await db.query<{ id: number }>(`SELECT id FROM app_user ORDER BY id LIMIT 1`);
  if (!rows[0]) return false;
  await db.query("BEGIN");
  try {
    for (let i = 0; i < RUNS_PAST_CUSTOM_PLANS; i++) await claimOn(db, rows[0].id, OPENING_QUEUE, 1);
  } finally {
    await db.query("ROLLBACK");
  }
  return true;
}

async function claimStatement(db: PoolClient, where: string, ks: { cond: string; order: string; keySql: string },
  p: { me: string; take: number; want: number; ttl: string; served: string | null; wait: boolean }, values: unknown[]): Promise<ClaimRow[]> {
  const candOrder = ks.order.replaceAll("p.quality_score", "c.score").replaceAll("p.id", "c.id");
  const { rows } = await db.query<ClaimRow>(prepared(
    `WITH cand AS (
       SELECT p.id, p.quality_score AS score, ${ks.keySql} AS sort_key FROM pair p
       WHERE ${where} AND ${ks.cond} ${p.served ? `AND p.id <> ALL(${p.served}::int[])` : ""}
         AND NOT EXISTS (SELECT 1 FROM pair_lease l WHERE l.pair_id = p.id AND l.expires_at > now() AND l.user_id <> ${p.me}::int)
         AND NOT EXISTS (SELECT 1 FROM review_vote v WHERE v.pair_id = p.id AND v.user_id = ${p.me}::int)
         AND NOT EXISTS (SELECT 1 FROM overlap_pair o WHERE o.pair_id = p.id AND o.state <> 'open')
       ORDER BY ${ks.order} LIMIT ${p.take}
       FOR UPDATE OF p ${p.wait ? "" : "SKIP LOCKED"}),
     won AS MATERIALIZED (
       SELECT w.pair_id, w.expires_at
       FROM claim_pair_leases(${p.me}::int, ${p.ttl}::float8, ${p.want}, (SELECT array_agg(c.id ORDER BY ${candOrder}) FROM cand c)) w)
     SELECT c.id AS "candId", c.sort_key AS "sortKey", w.expires_at AS "leaseUntil", ${PAIR_COLUMNS},
       EXISTS (SELECT 1 FROM overlap_pair o WHERE o.pair_id = p.id) AS blind,
       (SELECT json_agg(json_build_object('pairId', e.pair_id, 'piece', e.piece, 'segmentId', e.segment_id, 'documentId', e.document_id,
          'tokenCount', s.token_count, 'text', s.text) ORDER BY e.piece)
        FROM pair_evidence e JOIN segment s ON s.id = e.segment_id WHERE e.pair_id = p.id) AS evidence
     FROM cand c LEFT JOIN won w ON w.pair_id = c.id
       LEFT JOIN pair p ON p.id = w.pair_id LEFT JOIN app_user u ON u.id = p.reviewer_id`,
    values));
  return rows;
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
