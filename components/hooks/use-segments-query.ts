import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { api, qs } from "@/lib/client/fetch";
import { keys } from "@/lib/client/query-keys";
import type { SegmentQuery } from "@/lib/api/schemas";
import type { SegmentListItem } from "@/lib/corpus/segments";

export function useSegmentsQuery(filter: Omit<SegmentQuery, "after" | "limit">) {
  return useInfiniteQuery({
    queryKey: keys.segments(filter),
    queryFn: ({ pageParam }) => api<{ items: SegmentListItem[]; next: number | null }>(`/api/segments${qs({ ...filter, after: pageParam, limit: 100 })}`),
    initialPageParam: 0,
    getNextPageParam: (last) => last.next ?? undefined,
  });
}

export function useSampleQuery(filter: Omit<SegmentQuery, "after" | "limit"> & { n: number; seed: number } | null) {
  return useQuery({
    queryKey: keys.sample(filter ?? {}),
    queryFn: () => api<{ items: SegmentListItem[] }>(`/api/segments/sample${qs(filter ?? {})}`),
    enabled: filter !== null,
  });
}
