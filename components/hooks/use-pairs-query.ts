import { useInfiniteQuery } from "@tanstack/react-query";
import { api, qs } from "@/lib/client/fetch";
import { keys } from "@/lib/client/query-keys";
import type { PairListQuery } from "@/lib/pairs/schemas";
import type { PairListItem } from "@/lib/pairs/types";

/** The pairs table: keyset pages of narrow rows. */
export function usePairsQuery(filter: Omit<PairListQuery, "after" | "limit">) {
  return useInfiniteQuery({
    queryKey: keys.pairs(filter),
    queryFn: ({ pageParam }) => api<{ items: PairListItem[]; next: string | null }>(`/api/pairs${qs({ ...filter, after: pageParam, limit: 100 })}`),
    initialPageParam: "",
    getNextPageParam: (last) => last.next ?? undefined,
  });
}
