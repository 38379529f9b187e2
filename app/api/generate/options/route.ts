import { route } from "@/lib/api/route";
import { generationOptions } from "@/lib/generate/options";

export const dynamic = "force-dynamic";
export const GET = route({ role: "viewer" }, async () => generationOptions());
