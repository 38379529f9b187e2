import { route } from "@/lib/api/route";
import { idParams } from "@/lib/api/schemas";
import { resumeJob } from "@/lib/jobs/jobs";

export const POST = route({ role: "curator", params: idParams }, async ({ params }) => resumeJob(params.id));
