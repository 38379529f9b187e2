import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/fetch";
import type { JobRow } from "@/lib/jobs/jobs";

/** Raises a stopped job's budget cap and resumes it. */
export function useRaiseBudget(jobId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (budgetUsd: number | null) => api<JobRow>(`/api/generate/${jobId}/budget`, { method: "POST", json: { budgetUsd } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["jobs"] }),
  });
}
