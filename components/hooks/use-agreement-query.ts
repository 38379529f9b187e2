import { useQuery } from "@tanstack/react-query";
import type { AgreementReport } from "@/lib/agreement/overlap";
import { api } from "@/lib/client/fetch";
import { teamKeys } from "@/lib/client/team-keys";

/** Kappa per reviewer pair and overall, overlap progress and open disagreements. */
export function useAgreementQuery() {
  return useQuery({ queryKey: teamKeys.agreement(), queryFn: () => api<AgreementReport>("/api/agreement") });
}
