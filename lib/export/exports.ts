import { AppError } from "@/lib/api/errors";
import { pool } from "@/lib/db/client";
import type { ExportResult } from "./run-export";
import type { ExportFormat, ExportOptions } from "./params";

export interface ExportRow {
  id: number; jobId: number | null; format: ExportFormat; params: ExportOptions & { applied?: { seed: string } }; path: string; manifestPath: string;
  bytes: number; sha256: string; rows: number; createdAt: string;
}

// The manifest (histograms included) stays out of lists: it is fetched only where it is shown.
const COLUMNS = `id, job_id AS "jobId", format::text AS format, params, path, manifest_path AS "manifestPath", bytes,
  sha256, rows, created_at AS "createdAt"`;

/** Records a finished export; a resumed job that writes its file again replaces its own row. */
export async function recordExport(jobId: number | null, options: ExportOptions, r: ExportResult): Promise<number> {
  const { rows } = await pool().query<{ id: number }>(
    `INSERT INTO export (job_id, format, params, path, manifest_path, bytes, sha256, manifest, rows)
     VALUES ($1, $2::"ExportFormat", $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (job_id) DO UPDATE SET format = EXCLUDED.format, params = EXCLUDED.params, path = EXCLUDED.path,
       manifest_path = EXCLUDED.manifest_path, bytes = EXCLUDED.bytes, sha256 = EXCLUDED.sha256, manifest = EXCLUDED.manifest,
       rows = EXCLUDED.rows, created_at = now()
     RETURNING id`,
    // params: what was asked, plus the recipe that was applied (the seed shown in lists is the applied one)
    [jobId, options.format, JSON.stringify({ ...options, applied: r.manifest.recipe }), r.out, r.manifestPath, r.bytes, r.sha256, JSON.stringify(r.manifest), r.rows]);
  return rows[0]!.id;
}

/** Newest first, keyset-paged by id. */
export async function listExports(opts: { before?: number; limit?: number } = {}): Promise<ExportRow[]> {
  const { rows } = await pool().query<ExportRow>(
    `SELECT ${COLUMNS} FROM export WHERE ($1::int IS NULL OR id < $1) ORDER BY id DESC LIMIT $2`,
    [opts.before ?? null, Math.min(opts.limit ?? 50, 200)]);
  return rows;
}

export async function getExport(id: number): Promise<ExportRow> {
  const { rows } = await pool().query<ExportRow>(`SELECT ${COLUMNS} FROM export WHERE id = $1`, [id]);
  if (!rows[0]) throw new AppError("not_found", `export ${id} does not exist`);
  return rows[0];
}

export async function getExportManifest(id: number): Promise<unknown> {
  const { rows } = await pool().query<{ manifest: unknown }>(`SELECT manifest FROM export WHERE id = $1`, [id]);
  if (!rows[0]) throw new AppError("not_found", `export ${id} does not exist`);
  return rows[0].manifest;
}

export async function exportForJob(jobId: number): Promise<ExportRow | null> {
  const { rows } = await pool().query<ExportRow>(`SELECT ${COLUMNS} FROM export WHERE job_id = $1`, [jobId]);
  return rows[0] ?? null;
}
