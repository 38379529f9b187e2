import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/client/fetch";
import { keys } from "@/lib/client/query-keys";
import type { JobRow } from "@/lib/jobs/jobs";
import { isActive } from "./use-jobs-query";
import { useJobSettled } from "./use-job-settled";

/** One job, polled twice a second while it runs; when it stops, the lists it changed are refetched. */
export function useJobQuery(id: number | null) {
  const q = useQuery({
    queryKey: keys.job(id ?? 0),
    queryFn: () => api<JobRow>(`/api/jobs/${id}`),
    enabled: id !== null,
    refetchInterval: (q) => (q.state.data && !isActive(q.state.data.status) ? false : 500),
  });
  useJobSettled(q.data);
  return q;
}
