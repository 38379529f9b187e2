import { route } from "@/lib/api/route";
import { idParams } from "@/lib/api/schemas";
import { getJob } from "@/lib/jobs/jobs";

export const GET = route({ role: "viewer", params: idParams }, async ({ params }) => getJob(params.id));
