import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/client/fetch";
import { keys } from "@/lib/client/query-keys";
import type { PairEventItem } from "@/lib/pairs/types";

/** A pair's history, newest first. `version` is part of the call so a change to the pair refetches it. */
export function usePairHistoryQuery(id: number | null, version: number) {
  return useQuery({
    queryKey: [...keys.pairHistory(id ?? 0), version],
    queryFn: () => api<{ events: PairEventItem[] }>(`/api/pairs/${id}/history`),
    enabled: id !== null,
  });
}
