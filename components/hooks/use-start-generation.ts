import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/fetch";
import type { GenerateRequest } from "@/lib/generate/api-schemas";
import type { Estimate } from "@/lib/generate/estimate";

/** Queues a generation job; the jobs list and estimates (items now taken) refresh. */
export function useStartGeneration() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (request: GenerateRequest) => api<{ jobId: number; estimate: Estimate }>("/api/generate", { method: "POST", json: request }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ["jobs"] });
      void qc.invalidateQueries({ queryKey: ["generate", "estimate"] });
    },
  });
}
