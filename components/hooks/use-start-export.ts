import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/fetch";
import type { StartExportBody } from "@/lib/export/schemas";

/** Starts an export job; the jobs list shows it at once. */
export function useStartExport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: StartExportBody) => api<{ jobId: number }>("/api/exports", { method: "POST", json: body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["jobs"] }),
  });
}
