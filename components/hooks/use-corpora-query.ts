import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/client/fetch";
import { keys } from "@/lib/client/query-keys";
import type { CorpusRow } from "@/lib/corpus/corpora";

export function useCorporaQuery() {
  return useQuery({ queryKey: keys.corpora(), queryFn: () => api<{ corpora: CorpusRow[] }>("/api/corpora") });
}
