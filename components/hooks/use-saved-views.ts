import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/fetch";
import { teamKeys } from "@/lib/client/team-keys";
import type { SavedView } from "@/lib/review-team/views";

/** Saved pairs-table views, and saving the current filter as one. */
export function useSavedViews() {
  const client = useQueryClient();
  const query = useQuery({ queryKey: teamKeys.savedViews(), queryFn: () => api<{ items: SavedView[] }>("/api/views") });
  const save = useMutation({
    mutationFn: (body: { name: string; filter: Record<string, unknown> }) => api<SavedView>("/api/views", { method: "POST", json: body }),
    onSettled: () => client.invalidateQueries({ queryKey: teamKeys.savedViews() }),
  });
  return { query, save };
}
