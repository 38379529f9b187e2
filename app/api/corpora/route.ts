import { route } from "@/lib/api/route";
import { listCorpora } from "@/lib/corpus/corpora";

export const GET = route({ role: "viewer" }, async () => ({ corpora: await listCorpora() }));
