import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/client/fetch";
import { keys } from "@/lib/client/query-keys";
import type { PairVerification } from "@/lib/verify/queries";

/** A pair's latest verdict and the checks behind it (with the model's replies); refetched when the pair changes. */
export function usePairVerification(id: number, version: number) {
  return useQuery({ queryKey: [...keys.pairVerification(id), version], queryFn: () => api<PairVerification>(`/api/verify/pairs/${id}`) });
}
