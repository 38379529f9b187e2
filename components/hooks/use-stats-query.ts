import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/client/fetch";
import { keys } from "@/lib/client/query-keys";

export interface DashboardStats {
  corpora: number; documents: number; segments: number; tokens: number;
  pairs: { status: string; type: string; n: number }[]; activeJobs: number;
  steps: { assembled: boolean; exported: boolean; probed: boolean };
  recent: { id: number; kind: string; status: string; createdBy: string | null; createdAt: string; finishedAt: string | null }[];
}

export function useStatsQuery() {
  return useQuery({
    queryKey: keys.stats(),
    queryFn: () => api<DashboardStats>("/api/stats"),
    refetchInterval: (q) => (q.state.data?.activeJobs ? 2000 : false),
  });
}
