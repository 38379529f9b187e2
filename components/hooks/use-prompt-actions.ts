import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/fetch";
import type { DryRunBody, DryRunResult, PromptVersionRow, SavePromptBody } from "@/lib/prompts/schemas";

/** Save a version, dry-run a draft, start a generation with a version. */
export function usePromptActions() {
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: (body: SavePromptBody) => api<PromptVersionRow & { created: boolean }>("/api/prompts", { method: "POST", json: body }),
    onSettled: () => client.invalidateQueries({ queryKey: ["prompts"] }),
  });
  const dryRun = useMutation({ mutationFn: (body: DryRunBody) => api<DryRunResult>("/api/prompts/dry-run", { method: "POST", json: body }) });
  const generate = useMutation({
    mutationFn: (body: { type: "single" | "multi"; count: number; promptVersion: string }) =>
      api<{ jobId: number }>("/api/generate", { method: "POST", json: body }),
    onSettled: () => client.invalidateQueries({ queryKey: ["jobs"] }),
  });
  return { save, dryRun, generate };
}
