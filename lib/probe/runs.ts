import { AppError } from "@/lib/api/errors";
import { pool } from "@/lib/db/client";
import { assertUsable, resolveEndpoint } from "@/lib/endpoints";
import { enqueueJob } from "@/lib/jobs/queue";
import { curveFromCells, type Curve, type CurveCell } from "./curve";
import type { StartProbeRunInput } from "./schemas";
import { getProbeSet } from "./sets";
import type { ProbeStyle } from "./types";

export const PROBE_RUN_JOB = "probe-run";

export interface ProbeRunRow {
  id: number; setId: number; setName: string; style: ProbeStyle; binSize: number; exampleCount: number;
  model: string; endpoint: string | null; baseUrl: string | null; concurrency: number; temperature: number; maxTokens: number;
  jobId: number | null; createdAt: string;
  job: { status: string; done: number; total: number; failed: number; error: string | null } | null;
}

export interface ProbeRunSummary extends ProbeRunRow {
  scored: number;
  failed: number;
  curve: Curve;
}

const COLUMNS = `r.id, r.set_id AS "setId", s.name AS "setName", s.style, s.bin_size AS "binSize", s.example_count AS "exampleCount",
  r.model, r.endpoint, r.base_url AS "baseUrl", r.concurrency, r.temperature, r.max_tokens AS "maxTokens", r.job_id AS "jobId",
  r.created_at AS "createdAt",
  CASE WHEN j.id IS NULL THEN NULL ELSE json_build_object('status', j.status, 'done', j.done, 'total', j.total,
    'failed', j.failed, 'error', j.error) END AS job`;
const FROM = `probe_run r JOIN probe_set s ON s.id = r.set_id LEFT JOIN job j ON j.id = r.job_id`;

export async function getProbeRun(id: number): Promise<ProbeRunRow> {
  const { rows } = await pool().query<ProbeRunRow>(`SELECT ${COLUMNS} FROM ${FROM} WHERE r.id = $1`, [id]);
  if (!rows[0]) throw new AppError("not_found", `probe run ${id} does not exist`);
  return rows[0];
}

/**
 * Starts (or resumes) scoring a set against a named model endpoint. The latest run of the same set, model and
 * endpoint is resumed unless `fresh`: its finished examples are skipped, failed ones asked again.
 */
export async function startProbeRun(input: StartProbeRunInput, createdById?: number): Promise<ProbeRunRow> {
  const set = await getProbeSet(input.setId);
  // refused here, before any job or request exists: unknown endpoint, unlisted model, forbidden address
  const ep = await resolveEndpoint(input.endpoint);
  await assertUsable(ep, input.model);
  const { rows: prev } = await pool().query<{ id: number; status: string | null }>(
    `SELECT r.id, j.status FROM probe_run r LEFT JOIN job j ON j.id = r.job_id
     WHERE r.set_id = $1 AND r.model = $2 AND r.endpoint = $3 ORDER BY r.id DESC LIMIT 1`,
    [set.id, input.model, ep.name]);
  const existing = input.fresh ? undefined : prev[0];
  if (existing && (existing.status === "queued" || existing.status === "running")) return getProbeRun(existing.id);
  let runId = existing?.id;
  if (runId === undefined) {
    const { rows } = await pool().query<{ id: number }>(
      `INSERT INTO probe_run (set_id, model, endpoint, base_url, concurrency) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [set.id, input.model, ep.name, ep.baseURL, input.concurrency]);
    runId = rows[0]!.id;
  } else {
    await pool().query(`UPDATE probe_run SET concurrency = $2 WHERE id = $1`, [runId, input.concurrency]);
  }
  const jobId = await enqueueJob(PROBE_RUN_JOB, { runId }, { total: set.exampleCount, createdById });
  await pool().query(`UPDATE probe_run SET job_id = $2 WHERE id = $1`, [runId, jobId]);
  return getProbeRun(runId);
}

/** Runs with their per-bin curves, newest first (curves aggregated in SQL: one row per run, context and bin). */
export async function listProbeRuns(opts: { ids?: readonly number[]; limit?: number } = {}): Promise<ProbeRunSummary[]> {
  const { rows } = await pool().query<ProbeRunRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE ($1::int[] IS NULL OR r.id = ANY($1)) ORDER BY r.id DESC LIMIT $2`,
    [opts.ids ? [...opts.ids] : null, opts.limit ?? 100]);
  if (!rows.length) return [];
  const { rows: cells } = await pool().query<CurveCell & { runId: number; failed: number }>(
    `SELECT res.run_id AS "runId", e.set_index AS "setIndex", e.position / s.bin_size AS bin,
       coalesce(sum(res.score), 0)::float8 AS sum, count(res.score)::int AS n, count(*) FILTER (WHERE res.score IS NULL)::int AS failed
     FROM probe_result res JOIN probe_example e ON e.id = res.example_id JOIN probe_set s ON s.id = e.set_id
     WHERE res.run_id = ANY($1) GROUP BY 1, 2, 3`, [rows.map((r) => r.id)]);
  return rows.map((r) => {
    const mine = cells.filter((c) => c.runId === r.id);
    const curve = curveFromCells(mine, r.binSize);
    return { ...r, scored: curve.n, failed: mine.reduce((a, c) => a + c.failed, 0), curve };
  });
}

export async function probeRunSummary(id: number): Promise<ProbeRunSummary> {
  const [run] = await listProbeRuns({ ids: [id] });
  if (!run) throw new AppError("not_found", `probe run ${id} does not exist`);
  return run;
}
