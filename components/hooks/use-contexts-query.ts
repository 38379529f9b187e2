import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api, qs } from "@/lib/client/fetch";
import { keys } from "@/lib/client/query-keys";
import type { ContextListRow } from "@/lib/contexts/list";

export function useContextsQuery(filter: { runId?: number; after?: number; limit?: number }) {
  return useQuery({
    queryKey: keys.contexts(filter),
    queryFn: () => api<{ contexts: ContextListRow[] }>(`/api/contexts${qs(filter)}`),
    placeholderData: keepPreviousData,
  });
}
