import { useQuery } from "@tanstack/react-query";
import { api, qs } from "@/lib/client/fetch";
import { keys } from "@/lib/client/query-keys";

/** The stems of a search query (cached per query; nothing is fetched without one). */
export function useSearchStemsQuery(q: string | undefined) {
  return useQuery({
    queryKey: keys.searchStems(q ?? ""),
    queryFn: () => api<{ stems: string[] }>(`/api/search/stems${qs({ q })}`),
    enabled: !!q?.trim(),
    staleTime: Infinity,
  });
}
