import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ApplyAuditBody, AuditSummary, CreateAuditBody } from "@/lib/audit/schemas";
import { api } from "@/lib/client/fetch";

/** Create an audit, and decide the rest from one; audits and pair lists are stale afterwards. */
export function useAuditActions() {
  const client = useQueryClient();
  const settle = () => Promise.all([client.invalidateQueries({ queryKey: ["audits"] }), client.invalidateQueries({ queryKey: ["pairs"] })]);
  const create = useMutation({
    mutationFn: (body: CreateAuditBody) => api<AuditSummary>("/api/audits", { method: "POST", json: body }),
    onSettled: settle,
  });
  const apply = useMutation({
    mutationFn: ({ id, ...body }: ApplyAuditBody & { id: number }) =>
      api<AuditSummary & { decision: { action: string; changed: number; groupId: number } }>(`/api/audits/${id}/apply`, { method: "POST", json: body }),
    onSettled: settle,
  });
  return { create, apply };
}
