import { route } from "@/lib/api/route";
import { dryRun } from "@/lib/prompts/dry-run";
import { dryRunBody } from "@/lib/prompts/schemas";

/** Tries a prompt on 5 seeded segments: the replies, checked as generation checks them, with tokens and cost. */
export const POST = route({ role: "curator", body: dryRunBody }, async ({ body, req }) => dryRun(body, req.signal));
