import { cancelJob, getJob, type JobRow } from "@/lib/jobs/jobs";
import { runJob } from "@/lib/jobs/runner";
import "@/lib/jobs/kinds";
import { progress } from "./command";

/**
 * `--wait`: runs a job in this process with a progress line on stderr every second; Ctrl-C cancels it cleanly
 * (it can be resumed). When a worker claimed the job first, this follows it until it ends instead.
 */
export async function runJobHere(id: number, line: (job: JobRow) => string): Promise<JobRow> {
  const onSignal = () => { progress("cancelling…"); void cancelJob(id); };
  process.once("SIGINT", onSignal);
  const ticker = setInterval(() => { getJob(id).then((j) => progress(line(j))).catch(() => {}); }, 1000);
  try {
    let outcome = await runJob(id, `cli:${process.pid}`, progress);
    while (outcome.status === "skipped" && ["queued", "running", "cancelling"].includes((await getJob(id)).status)) {
      await new Promise((r) => setTimeout(r, 1000));
      outcome = await runJob(id, `cli:${process.pid}`, progress);
    }
  } finally {
    clearInterval(ticker);
    process.off("SIGINT", onSignal);
  }
  const job = await getJob(id);
  progress(line(job));
  return job;
}
