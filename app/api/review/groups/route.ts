import { z } from "zod";
import { qInt, route } from "@/lib/api/route";
import { listGroups } from "@/lib/review-team/groups";

const groupsQuery = z.object({ before: qInt.positive().optional(), limit: qInt.min(1).max(200).optional() });

/** Recent bulk actions (event groups), newest first: who, what, how many pairs, undone or not. */
export const GET = route({ role: "viewer", query: groupsQuery }, async ({ query }) => ({ items: await listGroups(query) }));
