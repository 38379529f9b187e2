import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/client/fetch";
import { keys } from "@/lib/client/query-keys";
import type { PairOverview } from "@/lib/pairs/overview";

/** Review progress (counts, accept rates, throughput); also the source of the model / prompt filter options. */
export function usePairsOverviewQuery() {
  return useQuery({ queryKey: keys.pairsOverview(), queryFn: () => api<PairOverview>("/api/pairs/overview"), staleTime: 15_000, refetchInterval: 20_000 });
}
