import { useQuery } from "@tanstack/react-query";
import { api, qs } from "@/lib/client/fetch";
import { keys } from "@/lib/client/query-keys";
import type { JobRow } from "@/lib/jobs/jobs";

const ACTIVE = new Set(["queued", "running", "cancelling"]);

/** Jobs list; polls every second while any listed job is active. */
export function useJobsQuery(filter: { active?: boolean; kind?: string; status?: string; before?: number; limit?: number } = {}) {
  return useQuery({
    queryKey: keys.jobs(filter),
    queryFn: () => api<{ jobs: JobRow[] }>(`/api/jobs${qs(filter)}`),
    refetchInterval: (q) => (q.state.data?.jobs.some((j) => ACTIVE.has(j.status)) ? 1000 : filter.active ? 3000 : false),
  });
}

export function isActive(status: string): boolean {
  return ACTIVE.has(status);
}
