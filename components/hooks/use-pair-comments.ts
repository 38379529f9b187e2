import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/fetch";
import { teamKeys } from "@/lib/client/team-keys";
import type { PairComment } from "@/lib/guidelines/comments";

/** A pair's comments, newest first, and adding one. */
export function usePairComments(pairId: number) {
  const client = useQueryClient();
  const query = useQuery({ queryKey: teamKeys.comments(pairId), queryFn: () => api<{ comments: PairComment[] }>(`/api/pairs/${pairId}/comments`) });
  const add = useMutation({
    mutationFn: (text: string) => api<PairComment>(`/api/pairs/${pairId}/comments`, { method: "POST", json: { text } }),
    onSettled: () => client.invalidateQueries({ queryKey: teamKeys.comments(pairId) }),
  });
  return { query, add };
}
