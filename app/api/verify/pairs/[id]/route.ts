import { route } from "@/lib/api/route";
import { idParams } from "@/lib/api/schemas";
import { pairVerification } from "@/lib/verify/queries";

/** A pair's latest verdict and the checks behind it, with the model's raw replies. */
export const GET = route({ role: "viewer", params: idParams }, async ({ params }) => pairVerification(params.id));
