import { route } from "@/lib/api/route";
import { jobsQuery } from "@/lib/api/schemas";
import { listJobs } from "@/lib/jobs/jobs";

export const GET = route({ role: "viewer", query: jobsQuery }, async ({ query }) => ({ jobs: await listJobs(query) }));
