import { qBool, route } from "@/lib/api/route";
import { hasRole } from "@/lib/auth/roles";
import { nextPairs } from "@/lib/pairs/queue";
import { queueQuery } from "@/lib/pairs/schemas";
import { claimPairs } from "@/lib/review-team/claim";

/** `peek=true` looks without reserving (dashboards, scripts); viewers always peek, they cannot decide. */
const nextQuery = queueQuery.extend({ peek: qBool.optional() });

/**
 * The review queue. A reviewer's pairs are leased to them (lib/review-team/claim.ts): two reviewers are never
 * served the same pending pair at the same time, and a lease left behind expires.
 */
export const GET = route({ role: "viewer", query: nextQuery }, async ({ query: { peek, ...q }, user }) =>
  peek || !hasRole(user.role, "reviewer") ? nextPairs(q) : claimPairs(user.id, q));
