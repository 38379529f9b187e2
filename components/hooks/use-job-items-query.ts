import { useQuery } from "@tanstack/react-query";
import { api, qs } from "@/lib/client/fetch";
import { keys } from "@/lib/client/query-keys";
import type { ItemsQuery } from "@/lib/generate/api-schemas";
import type { ItemListRow } from "@/lib/generate/item-list";

/** A generation job's items (e.g. the failed ones); polled while the job runs. */
export function useJobItemsQuery(jobId: number, filter: ItemsQuery, live: boolean) {
  return useQuery({
    queryKey: keys.jobItems(jobId, filter),
    queryFn: () => api<{ items: ItemListRow[]; next: number | null }>(`/api/jobs/${jobId}/items${qs(filter)}`),
    refetchInterval: live ? 2000 : false,
  });
}
