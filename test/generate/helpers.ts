import path from "node:path";
import { importFiles } from "@/lib/corpus/importer";
import { pool } from "@/lib/db/client";
import { createJobRow } from "@/lib/generate/job-row";
import { resolveRequest, type GenerateRequest } from "@/lib/generate/params";
import { getJob, type JobRow } from "@/lib/jobs/jobs";
import { runJob } from "@/lib/jobs/runner";
import "@/lib/jobs/kinds";

/** 30 real C4 documents (the repo's fixtures), imported with the default tokenizer. */
export async function seedCorpus(name = "gen"): Promise<number> {
  const dir = path.join(process.cwd(), "data", "fixtures", "c4-gz");
  const s = await importFiles({ corpus: name, files: [1, 2, 3].map((i) => ({ path: path.join(dir, `c4-sample.0${i}.json.gz`) })) });
  return s.corpusId;
}

/** Creates a generation job and runs it in this process, as `in2 generate --wait` does. */
export async function runGeneration(req: GenerateRequest): Promise<JobRow> {
  const id = await createJobRow(resolveRequest(req));
  await runJob(id, "test-worker");
  return getJob(id);
}

export async function rerun(jobId: number): Promise<JobRow> {
  await pool().query(`UPDATE job SET status = 'queued', finished_at = NULL, locked_by = NULL WHERE id = $1`, [jobId]);
  await runJob(jobId, "test-worker-2");
  return getJob(jobId);
}

export interface ItemRow { id: number; key: string; status: string; attempts: number; error: string | null; raw_response: string | null; pair_id: number | null;
  prompt_tokens: number; completion_tokens: number; cost_usd: number; updated_at: Date }

export async function itemsOf(jobId: number): Promise<ItemRow[]> {
  const { rows } = await pool().query<ItemRow>(`SELECT * FROM generation_item WHERE job_id = $1 ORDER BY id`, [jobId]);
  return rows;
}

export async function pairCount(jobId: number): Promise<number> {
  const { rows } = await pool().query<{ n: number }>(`SELECT count(*)::int AS n FROM pair WHERE job_id = $1`, [jobId]);
  return rows[0]!.n;
}

export const OPENAI_ENV = (url: string) => ({ OPENAI_API_KEY: "test-key", OPENAI_BASE_URL: url });
