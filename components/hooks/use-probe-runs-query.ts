import { useQuery } from "@tanstack/react-query";
import { isActive } from "@/components/hooks/use-jobs-query";
import { api } from "@/lib/client/fetch";
import { keys } from "@/lib/client/query-keys";
import type { ProbeRunSummary } from "@/lib/probe/runs";

/** Runs with their curves; polls every second while a run is being scored, so the chart grows live. */
export function useProbeRunsQuery() {
  return useQuery({
    queryKey: keys.probeRuns(),
    queryFn: () => api<{ runs: ProbeRunSummary[] }>("/api/probe/runs"),
    refetchInterval: (q) => (q.state.data?.runs.some((r) => r.job && isActive(r.job.status)) ? 1000 : false),
  });
}
