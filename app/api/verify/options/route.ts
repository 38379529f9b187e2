import { route } from "@/lib/api/route";
import { verifyOptions } from "@/lib/verify/options";

export const dynamic = "force-dynamic";
/** Providers available here, the default model, the prompt version and the matching rule. */
export const GET = route({ role: "viewer" }, async () => verifyOptions());
