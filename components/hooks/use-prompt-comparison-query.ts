import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/client/fetch";
import { teamKeys } from "@/lib/client/team-keys";
import type { ComparisonRow } from "@/lib/prompts/schemas";

/** Accept rate, cost and quality per prompt version × model. */
export function usePromptComparisonQuery() {
  return useQuery({ queryKey: teamKeys.promptComparison(), queryFn: () => api<{ rows: ComparisonRow[] }>("/api/prompts/comparison") });
}
