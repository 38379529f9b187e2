import { pool } from "@/lib/db/client";
import { getJob, type JobRow } from "@/lib/jobs/jobs";
import { runJob } from "@/lib/jobs/runner";
import { createVerifyJobRow } from "@/lib/verify/job-row";
import { resolveVerifyRequest, type VerifyRequest } from "@/lib/verify/params";
import type { VerificationSummary } from "@/lib/verify/store";
import "@/lib/jobs/kinds";

/** Creates a verification job and runs it in this process, as `in2 verify --wait` does. */
export async function runVerification(req: VerifyRequest, env: NodeJS.ProcessEnv = process.env): Promise<JobRow> {
  const id = await createVerifyJobRow(resolveVerifyRequest(req, env));
  await runJob(id, "test-verifier");
  return getJob(id);
}

export interface CheckRowDb { id: number; pair_id: number; item_id: number; kind: string; piece_removed: number | null; pieces: number[]; passed: boolean; matched: boolean;
  model_answer: string | null; raw_output: string; match_method: string; reason: string; model: string; prompt_version: string }

export async function checksOf(pairId: number): Promise<CheckRowDb[]> {
  const { rows } = await pool().query<CheckRowDb>(`SELECT * FROM pair_check WHERE pair_id = $1 ORDER BY id`, [pairId]);
  return rows;
}

export async function verificationOf(pairId: number): Promise<VerificationSummary | null> {
  const { rows } = await pool().query<{ v: VerificationSummary | null }>(`SELECT verification AS v FROM pair WHERE id = $1`, [pairId]);
  return rows[0]?.v ?? null;
}

export const codes = (v: VerificationSummary | null) => (v?.flags ?? []).map((f) => f.code).sort();
