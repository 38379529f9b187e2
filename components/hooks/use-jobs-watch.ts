import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { api } from "@/lib/client/fetch";
import { invalidateAfterJob, TERMINAL } from "@/lib/client/job-effects";
import { keys } from "@/lib/client/query-keys";
import type { JobRow } from "@/lib/jobs/jobs";

const RECENT = { limit: 20 };

/**
 * The newest jobs, watched from the header on every page: a job that stops (started here, in another tab, by a
 * teammate or the CLI) refetches the lists and charts its kind changed. A job that started and finished between
 * two polls is caught too, since any stopped job not seen stopped before counts.
 */
export function useJobsWatch() {
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: keys.jobs(RECENT),
    queryFn: () => api<{ jobs: JobRow[] }>(`/api/jobs?limit=${RECENT.limit}`),
    refetchInterval: (q) => (q.state.data?.jobs.some((j) => !TERMINAL.has(j.status)) ? 1000 : 3000),
  });
  const stopped = useRef<Set<number> | null>(null);
  useEffect(() => {
    if (!q.data) return;
    const now = q.data.jobs.filter((j) => TERMINAL.has(j.status));
    if (stopped.current === null) { // the first look: what already stopped changed nothing since the page loaded
      stopped.current = new Set(now.map((j) => j.id));
      return;
    }
    const kinds = new Set<string>();
    for (const j of now) if (!stopped.current.has(j.id)) { stopped.current.add(j.id); kinds.add(j.kind); }
    for (const kind of kinds) invalidateAfterJob(qc, kind);
  }, [q.data, qc]);
  return q;
}
