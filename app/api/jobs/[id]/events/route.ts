import { z } from "zod";
import { qInt, route } from "@/lib/api/route";
import { idParams } from "@/lib/api/schemas";
import { listJobEvents } from "@/lib/jobs/events";

const eventsQuery = z.object({ after: qInt.nonnegative().optional(), limit: qInt.min(1).max(1000).optional() });

/** The job's history: every status change with its message and error (`in2 jobs logs`). */
export const GET = route({ role: "viewer", params: idParams, query: eventsQuery }, async ({ params, query }) => listJobEvents(params.id, query));
