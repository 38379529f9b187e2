import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/fetch";

/** Undoes a whole bulk action (an event group); every pair list and count is stale afterwards. */
export function useUndoGroup() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (groupId: number) => api<{ groupId: number; restored: number; kept: number }>(`/api/review/groups/${groupId}/undo`, { method: "POST" }),
    onSettled: () => client.invalidateQueries({ queryKey: ["pairs"] }),
  });
}
