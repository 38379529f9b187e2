import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/fetch";

type Decision = "accepted" | "rejected" | "flagged";

/** Route an overlap fraction; adjudicate a disagreement. Agreement and pair lists are stale afterwards. */
export function useAgreementActions() {
  const client = useQueryClient();
  const settle = () => Promise.all([client.invalidateQueries({ queryKey: ["agreement"] }), client.invalidateQueries({ queryKey: ["pairs"] })]);
  const route = useMutation({
    mutationFn: (body: { fraction: number; seed: string; filter?: Record<string, string> }) =>
      api<{ added: number; total: number }>("/api/agreement/overlap", { method: "POST", json: body }),
    onSettled: settle,
  });
  const adjudicate = useMutation({
    mutationFn: (body: { pairId: number; decision: Decision }) => api("/api/agreement/adjudicate", { method: "POST", json: body }),
    onSettled: settle,
  });
  return { route, adjudicate };
}
