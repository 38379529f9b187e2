import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/fetch";
import { teamKeys } from "@/lib/client/team-keys";
import type { GuidelinesState, GuidelinesVersion } from "@/lib/guidelines/guidelines";

/** The guidelines in force (and earlier versions); saving makes a new version. */
export function useGuidelines() {
  const client = useQueryClient();
  const query = useQuery({ queryKey: teamKeys.guidelines(), queryFn: () => api<GuidelinesState>("/api/guidelines") });
  const save = useMutation({
    mutationFn: (text: string) => api<GuidelinesVersion>("/api/guidelines", { method: "POST", json: { text } }),
    onSettled: () => client.invalidateQueries({ queryKey: teamKeys.guidelines() }),
  });
  return { query, save };
}
