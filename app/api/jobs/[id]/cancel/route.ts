import { route } from "@/lib/api/route";
import { idParams } from "@/lib/api/schemas";
import { cancelJob } from "@/lib/jobs/jobs";

export const POST = route({ role: "curator", params: idParams }, async ({ params }) => cancelJob(params.id));
