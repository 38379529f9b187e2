import { route } from "@/lib/api/route";
import { savePromptBody } from "@/lib/prompts/schemas";
import { listPromptVersions, savePromptVersion } from "@/lib/prompts/versions";

/** Every prompt version (built-in ones first); old versions stay readable. */
export const GET = route({ role: "viewer" }, async () => ({ items: await listPromptVersions() }));

/** Saves an edit as a new immutable version (the same text again is the same version). */
export const POST = route({ role: "curator", body: savePromptBody }, async ({ body, user }) => savePromptVersion(body, user.id));
