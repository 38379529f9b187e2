import { route } from "@/lib/api/route";
import { idParams } from "@/lib/api/schemas";
import { resumeJob } from "@/lib/jobs/jobs";

export const POST = route({ params: idParams }, async ({ params }) => resumeJob(params.id));
