import { useQuery } from "@tanstack/react-query";
import type { AuditSummary } from "@/lib/audit/schemas";
import { api } from "@/lib/client/fetch";
import { teamKeys } from "@/lib/client/team-keys";

/** One audit; refreshed every 10 s while its sample is being reviewed, so the estimate follows the reviewers. */
export function useAuditQuery(id: number) {
  return useQuery({
    queryKey: teamKeys.audit(id),
    queryFn: () => api<AuditSummary>(`/api/audits/${id}`),
    refetchInterval: (q) => (q.state.data && q.state.data.sample.pending > 0 ? 10_000 : false),
  });
}
