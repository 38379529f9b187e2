import { AppError } from "@/lib/api/errors";
import { pool, withTransaction } from "@/lib/db/client";
import { Params, pairWhere } from "@/lib/pairs/filter";
import type { PairFilter } from "@/lib/pairs/schemas";
import { writeGroup } from "@/lib/review-team/groups";
import type { ApplyAuditBody, AuditSummary, CreateAuditBody } from "./schemas";
import { sampleSize, wilson } from "./stats";

type Filter = Omit<PairFilter, "audit">;

/**
 * Draws a seeded random sample of a slice. The order is a hash of each pair's content key and the seed, never its
 * id or insertion order, so the same slice and seed give the same sample on any copy of the data. With only a
 * margin, n is the sample size for that margin at the confidence (finite-population corrected).
 */
export async function createAudit(body: CreateAuditBody, actorId: number | null): Promise<AuditSummary> {
  const filter = body.filter as Filter;
  const confidence = body.confidence ?? 0.95;
  const seed = body.seed ?? "1";
  const id = await withTransaction(async (client) => {
    const params = new Params();
    const where = pairWhere(filter, params);
    const { rows: cnt } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM pair p WHERE ${where}`, params.values);
    const population = cnt[0]?.n ?? 0;
    if (!population) throw new AppError("bad_request", "the filter matches no pairs: there is nothing to audit");
    const size = Math.min(population, body.size ?? sampleSize(body.margin!, confidence, population));
    const name = body.name ?? `Audit of ${describe(filter)}`;
    const { rows } = await client.query<{ id: number }>(
      `INSERT INTO audit (name, filter, seed, size, population, margin, confidence, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [name, JSON.stringify(filter), seed, size, population, body.margin ?? null, confidence, actorId]);
    const auditId = rows[0]!.id;
    const seedP = params.add(seed);
    const idP = params.add(auditId);
    await client.query(
      `INSERT INTO audit_item (audit_id, pair_id, rank)
       SELECT ${idP}::int, id, row_number() OVER (ORDER BY h, k) FROM (
         SELECT p.id, coalesce(p.key, 'id:' || p.id) AS k, hashtextextended(coalesce(p.key, 'id:' || p.id) || '|' || ${seedP}::text, 0) AS h
         FROM pair p WHERE ${where} ORDER BY h, k LIMIT ${params.add(size)}) s`,
      params.values);
    return auditId;
  });
  return getAudit(id);
}

function describe(f: Filter): string {
  const parts = Object.entries(f).filter(([, v]) => v !== undefined && v !== "").map(([k, v]) => `${k}=${String(v)}`);
  return parts.length ? parts.join(", ") : "all pairs";
}

interface AuditRow { id: number; name: string; filter: Filter; seed: string; size: number; population: number; margin: number | null;
  confidence: number; createdAt: Date; createdBy: string | null; groupId: number | null }

const AUDIT_SELECT = `SELECT a.id, a.name, a.filter, a.seed, a.size, a.population, a.margin, a.confidence, a.created_at AS "createdAt",
  u.name AS "createdBy", a.group_id AS "groupId" FROM audit a LEFT JOIN app_user u ON u.id = a.created_by`;

export async function getAudit(id: number): Promise<AuditSummary> {
  const { rows } = await pool().query<AuditRow>(`${AUDIT_SELECT} WHERE a.id = $1`, [id]);
  const a = rows[0];
  if (!a) throw new AppError("not_found", `audit ${id} does not exist`);
  return summarize(a);
}

export async function listAudits(): Promise<AuditSummary[]> {
  const { rows } = await pool().query<AuditRow>(`${AUDIT_SELECT} ORDER BY a.id DESC LIMIT 100`);
  return Promise.all(rows.map(summarize));
}

async function summarize(a: AuditRow): Promise<AuditSummary> {
  const params = new Params();
  const where = pairWhere(a.filter, params);
  const [sample, rest, group] = await Promise.all([
    pool().query<{ status: keyof AuditSummary["sample"]; n: number }>(
      `SELECT p.status, count(*)::int AS n FROM audit_item ai JOIN pair p ON p.id = ai.pair_id WHERE ai.audit_id = $1 GROUP BY 1`, [a.id]),
    pool().query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pair p WHERE ${where} AND p.status = 'pending'
         AND NOT EXISTS (SELECT 1 FROM audit_item ai WHERE ai.audit_id = ${params.add(a.id)}::int AND ai.pair_id = p.id)`, params.values),
    a.groupId ? pool().query<{ action: string; changed: number; undoneAt: Date | null; createdAt: Date }>(
      `SELECT action, changed, undone_at AS "undoneAt", created_at AS "createdAt" FROM event_group WHERE id = $1`, [a.groupId]) : null,
  ]);
  const s = { pending: 0, accepted: 0, rejected: 0, flagged: 0 };
  for (const r of sample.rows) s[r.status] = r.n;
  const reviewed = s.accepted + s.rejected + s.flagged;
  const w = wilson(s.accepted, reviewed, a.confidence);
  const g = group?.rows[0];
  return {
    id: a.id, name: a.name, filter: a.filter as Record<string, unknown>, seed: a.seed, size: a.size, population: a.population,
    margin: a.margin, confidence: a.confidence, createdAt: a.createdAt.toISOString(), createdBy: a.createdBy,
    sample: s, estimate: { rate: w.p, low: w.low, high: w.high, reviewed }, remainder: rest.rows[0]?.n ?? 0,
    applied: g && a.groupId ? { groupId: a.groupId, action: g.action, changed: g.changed, undone: g.undoneAt !== null, at: g.createdAt.toISOString() } : null,
  };
}

/**
 * "Decide the rest from the audit": when the interval's lower bound clears `acceptAbove`, accept every pending pair
 * of the slice outside the sample; when its upper bound is under `rejectBelow`, reject them. One event group
 * recorded with the audit (undo it with the group), refused while the interval clears neither threshold.
 */
export async function applyAudit(id: number, body: ApplyAuditBody, actorId: number | null): Promise<AuditSummary & { decision: { action: "accept" | "reject"; changed: number; groupId: number } }> {
  const a = await getAudit(id);
  if (a.applied && !a.applied.undone) throw new AppError("conflict", `audit ${id} was already applied (bulk action ${a.applied.groupId}); undo that first`);
  if (a.estimate.reviewed === 0) throw new AppError("bad_request", `no pair of audit ${id}'s sample is reviewed yet: review the sample first`);
  const { low, high } = a.estimate;
  const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
  const action = body.acceptAbove !== undefined && low >= body.acceptAbove ? "accept"
    : body.rejectBelow !== undefined && high <= body.rejectBelow ? "reject" : null;
  if (!action) {
    const need = [body.acceptAbove !== undefined ? `lower bound ≥ ${pct(body.acceptAbove)} to accept` : null,
      body.rejectBelow !== undefined ? `upper bound ≤ ${pct(body.rejectBelow)} to reject` : null].filter(Boolean).join(", or ");
    throw new AppError("conflict", `The ${pct(a.confidence)} interval [${pct(low)}, ${pct(high)}] from ${a.estimate.reviewed} reviewed pairs clears no threshold (${need}); nothing changed. Review more of the sample or adjust the thresholds.`);
  }
  const client = await pool().connect();
  try {
    await client.query("BEGIN");
    // one apply at a time per audit
    const { rows: locked } = await client.query<{ groupId: number | null; undone: boolean | null }>(
      `SELECT a.group_id AS "groupId", g.undone_at IS NOT NULL AS undone FROM audit a LEFT JOIN event_group g ON g.id = a.group_id
       WHERE a.id = $1 FOR UPDATE OF a`, [id]);
    if (locked[0]?.groupId && !locked[0].undone) throw new AppError("conflict", `audit ${id} was just applied by someone else`);
    const params = new Params();
    const where = `${pairWhere(a.filter as Filter, params)} AND p.status = 'pending'
      AND NOT EXISTS (SELECT 1 FROM audit_item ai WHERE ai.audit_id = ${params.add(id)}::int AND ai.pair_id = p.id)`;
    const r = await writeGroup(client, { kind: "audit_apply", action, filter: { ...a.filter, audit: id, rule: body, interval: [low, high] },
      status: action === "accept" ? "accepted" : "rejected", actorId, auditId: id }, where, params.values);
    await client.query(`UPDATE audit SET group_id = $2 WHERE id = $1`, [id, r.groupId]);
    await client.query("COMMIT");
    return { ...(await getAudit(id)), decision: { action, changed: r.changed, groupId: r.groupId } };
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
