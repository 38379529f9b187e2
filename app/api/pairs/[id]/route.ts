import { route } from "@/lib/api/route";
import { idParams } from "@/lib/api/schemas";
import { getPair } from "@/lib/pairs/detail";
import { patchPairBody } from "@/lib/pairs/schemas";
import { updatePair } from "@/lib/pairs/update";
import { currentUserId } from "@/lib/review/current-user";

export const GET = route({ params: idParams }, async ({ params }) => getPair(params.id));

/** `{ version, ...changes }`; a stale version answers 409 `{ error: { code: "conflict" }, current }`. */
export const PATCH = route({ params: idParams, body: patchPairBody }, async ({ params, body, req }) =>
  updatePair(params.id, body, await currentUserId(req)));
