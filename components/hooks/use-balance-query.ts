import { useQuery } from "@tanstack/react-query";
import { api, qs } from "@/lib/client/fetch";
import { keys } from "@/lib/client/query-keys";
import type { BalanceStats } from "@/lib/contexts/balance";

/** Balance of one run, or of the current dataset when runId is null. */
export function useBalanceQuery(runId: number | null) {
  return useQuery({ queryKey: keys.balance(runId), queryFn: () => api<BalanceStats>(`/api/assembly/stats${qs({ runId })}`) });
}
