import { AppError } from "@/lib/api/errors";
import { getJob, resumeJob, type JobRow } from "@/lib/jobs/jobs";
import { GENERATE_KIND, setBudget } from "./job-row";

/** A job stopped at its budget continues with a new cap (null = no cap). */
export async function raiseBudgetAndResume(jobId: number, budgetUsd: number | null): Promise<JobRow> {
  const job = await getJob(jobId);
  if (job.kind !== GENERATE_KIND) throw new AppError("bad_request", `job ${jobId} is not a generation job`);
  const c = job.counters as { costUsd?: number };
  if (budgetUsd !== null && budgetUsd <= (c.costUsd ?? 0)) {
    throw new AppError("bad_request", `the new budget must be above what the job already spent ($${(c.costUsd ?? 0).toFixed(4)})`);
  }
  await setBudget(jobId, budgetUsd);
  return resumeJob(jobId);
}
