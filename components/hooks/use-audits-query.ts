import { useQuery } from "@tanstack/react-query";
import type { AuditSummary } from "@/lib/audit/schemas";
import { api } from "@/lib/client/fetch";
import { teamKeys } from "@/lib/client/team-keys";

/** Every audit with its sample's progress and estimate. */
export function useAuditsQuery() {
  return useQuery({ queryKey: teamKeys.audits(), queryFn: () => api<{ items: AuditSummary[] }>("/api/audits") });
}
