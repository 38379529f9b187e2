import { route } from "@/lib/api/route";
import { idParams } from "@/lib/api/schemas";
import { pairHistory } from "@/lib/pairs/history";

export const GET = route({ role: "viewer", params: idParams }, async ({ params }) => ({ events: await pairHistory(params.id) }));
