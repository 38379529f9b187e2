import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { api, qs } from "@/lib/client/fetch";
import { keys } from "@/lib/client/query-keys";
import type { DocumentQuery } from "@/lib/api/schemas";
import type { DocumentDetail, DocumentListItem } from "@/lib/corpus/documents";

export function useDocumentsQuery(filter: Omit<DocumentQuery, "after" | "limit">) {
  return useInfiniteQuery({
    queryKey: keys.documents(filter),
    queryFn: ({ pageParam }) => api<{ items: DocumentListItem[]; next: number | null }>(`/api/documents${qs({ ...filter, after: pageParam, limit: 50 })}`),
    initialPageParam: 0,
    getNextPageParam: (last) => last.next ?? undefined,
  });
}

export function useDocumentQuery(id: number) {
  return useQuery({ queryKey: keys.document(id), queryFn: () => api<DocumentDetail>(`/api/documents/${id}`) });
}
