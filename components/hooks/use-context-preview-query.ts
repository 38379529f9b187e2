import { useQuery } from "@tanstack/react-query";
import { api, qs } from "@/lib/client/fetch";
import { keys } from "@/lib/client/query-keys";
import type { ContextPreview } from "@/lib/contexts/preview";

/** A pair's context cut into blocks; recipes never change once stored, so it is cached for the session. */
export function useContextPreviewQuery(pairId: number, contextId: number | null) {
  return useQuery({
    queryKey: keys.contextPreview(pairId, contextId),
    queryFn: () => api<ContextPreview>(`/api/contexts/${pairId}${qs({ contextId })}`),
    staleTime: Infinity,
  });
}
