import { useQuery } from "@tanstack/react-query";
import { api, qs } from "@/lib/client/fetch";
import { keys } from "@/lib/client/query-keys";
import type { PairFilter } from "@/lib/pairs/schemas";

/** Exact count of pairs matching a filter; separate from the list so the rows never wait for it. */
export function usePairsCountQuery(filter: PairFilter) {
  return useQuery({
    queryKey: keys.pairsCount(filter),
    queryFn: () => api<{ count: number }>(`/api/pairs/count${qs(filter)}`),
  });
}
