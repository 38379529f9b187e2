import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/client/fetch";
import { teamKeys } from "@/lib/client/team-keys";
import type { PromptVersionRow } from "@/lib/prompts/schemas";

/** Every prompt version, built-in ones first, then saved ones newest first. */
export function usePromptsQuery() {
  return useQuery({ queryKey: teamKeys.prompts(), queryFn: () => api<{ items: PromptVersionRow[] }>("/api/prompts") });
}
