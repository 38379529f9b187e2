import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, qs } from "@/lib/client/fetch";

/** Sends a job's failed items (all, or one by its item id) back to the queue. */
export function useRetryFailedItems(jobId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (itemId?: number) => api<{ retried: number }>(`/api/jobs/${jobId}/items/retry${qs({ item: itemId })}`, { method: "POST" }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ["jobs"] });
    },
  });
}
