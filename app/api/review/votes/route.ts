import { route } from "@/lib/api/route";
import { vote, voteBody } from "@/lib/agreement/overlap";

/** A blind decision on an overlap pair (the queue marks them `blind`); the pair is decided when two votes agree. */
export const POST = route({ role: "reviewer", body: voteBody }, async ({ body, user }) => vote(body.pairId, user.id, body.decision));
