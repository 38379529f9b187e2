import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/fetch";
import type { BulkBody } from "@/lib/pairs/schemas";

/** Bulk status change on everything matching a filter; every pair list and count is stale afterwards. */
export function usePairsBulk() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: BulkBody) => api<{ matched: number; changed: number; groupId: number }>("/api/pairs/bulk", { method: "POST", json: body }),
    onSettled: () => client.invalidateQueries({ queryKey: ["pairs"] }),
  });
}
