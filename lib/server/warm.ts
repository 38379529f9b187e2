import { warmSessionCheck } from "@/lib/auth/sessions";
import { warmPool } from "@/lib/db/client";
import { warmClaim } from "@/lib/review-team/claim";

/**
 * What the web server does once at start-up (instrumentation.ts), before anyone arrives: every pooled connection
 * opened and warmed for the requests a team's first minute is made of — the session check and the review queue's
 * opening claim — and kept open. Without it, 50 reviewers opening the review page at once pay PostgreSQL's cold
 * costs on every connection in that same instant (docs/benchmarks.md, bench:team). Failures are reported, never
 * fatal: a cold connection is only slower.
 */
export async function warmServerConnections(): Promise<number> {
  return warmPool(async (c) => {
    await warmSessionCheck(c);
    await warmClaim(c);
  });
}
