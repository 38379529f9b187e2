import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/fetch";

/** Sends a job's failed items back to the queue. */
export function useRetryFailedItems(jobId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ retried: number }>(`/api/jobs/${jobId}/items/retry`, { method: "POST" }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ["jobs"] });
    },
  });
}
