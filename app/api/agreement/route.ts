import { route } from "@/lib/api/route";
import { agreementReport } from "@/lib/agreement/overlap";

/** Cohen's kappa per reviewer pair and overall, overlap progress, and the disagreements awaiting adjudication. */
export const GET = route({ role: "viewer" }, async () => agreementReport());
