import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/client/fetch";
import { keys } from "@/lib/client/query-keys";
import type { PairDetail } from "@/lib/pairs/types";

/** One pair with its evidence (the table's detail drawer). */
export function usePairQuery(id: number | null) {
  return useQuery({ queryKey: keys.pair(id ?? 0), queryFn: () => api<PairDetail>(`/api/pairs/${id}`), enabled: id !== null });
}
