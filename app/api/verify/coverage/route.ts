import { route } from "@/lib/api/route";
import { verifyCoverage } from "@/lib/verify/queries";

export const dynamic = "force-dynamic";
/** How much of the dataset is verified, and the verdict counts. */
export const GET = route({ role: "viewer" }, async () => verifyCoverage());
