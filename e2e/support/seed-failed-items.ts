// Gives a finished generation job two failed items, as a provider that answered garbage would leave them (reason and
// raw reply kept), in the running e2e server's database. Run: node --import tsx e2e/support/seed-failed-items.ts JOB_ID
import { closeDb, pool } from "@/lib/db/client";
import { ensureDatabase } from "@/lib/db/database";

const jobId = Number(process.argv[2]);
const handle = await ensureDatabase();
process.env.DATABASE_URL = handle.url;
try {
  // two segments of the job's corpus that it did not use, so a retry has real work to do
  const { rows: segs } = await pool().query<{ id: number }>(
    `SELECT s.id FROM segment s WHERE s.token_count >= 128
       AND NOT EXISTS (SELECT 1 FROM generation_item g WHERE s.id = ANY(g.segment_ids)) ORDER BY s.id LIMIT 2`);
  const { rows } = await pool().query<{ id: number }>(
    `INSERT INTO generation_item (job_id, key, type, segment_ids, status, attempts, error, raw_response)
     SELECT $1, 'e2e-failed-' || s, 'single', ARRAY[s], 'failed', 3, $2, $3 FROM unnest($4::int[]) s RETURNING id`,
    [jobId, "the model's reply is not valid JSON (expected {question, answer, support})",
      "Sure! Here is a question about the text: What happened in Salzburg? The answer is…", segs.map((s) => s.id)]);
  await pool().query(`UPDATE job SET failed = failed + $2 WHERE id = $1`, [jobId, rows.length]);
  process.stdout.write(`${JSON.stringify({ itemIds: rows.map((r) => r.id) })}\n`);
} finally {
  await closeDb();
  await handle.close();
}
