import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/client/fetch";
import { keys } from "@/lib/client/query-keys";
import type { CorpusRow } from "@/lib/corpus/corpora";
import type { CorpusExtras } from "@/lib/corpus/corpus-extras";

export type CorpusListRow = CorpusRow & CorpusExtras;

export function useCorporaQuery() {
  return useQuery({ queryKey: keys.corpora(), queryFn: () => api<{ corpora: CorpusListRow[] }>("/api/corpora") });
}
