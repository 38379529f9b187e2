import { route } from "@/lib/api/route";
import { guidelinesBody, guidelinesState, saveGuidelines } from "@/lib/guidelines/guidelines";

/** The guidelines in force and the list of earlier versions. */
export const GET = route({ role: "viewer" }, async () => guidelinesState());

/** Saves a new version; decisions from now on record it. */
export const POST = route({ role: "curator", body: guidelinesBody }, async ({ body, user }) => saveGuidelines(body.text, user.id));
