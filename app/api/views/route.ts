import { route } from "@/lib/api/route";
import { listViews, savedViewBody, saveView } from "@/lib/review-team/views";

export const GET = route({ role: "viewer" }, async () => ({ items: await listViews() }));

/** Names the current pairs filter; share it as /pairs?view=ID. */
export const POST = route({ role: "reviewer", body: savedViewBody }, async ({ body, user }) => saveView(body, user.id));
