import { route } from "@/lib/api/route";
import { idParams } from "@/lib/api/schemas";
import { getPair } from "@/lib/pairs/detail";
import { patchPairBody } from "@/lib/pairs/schemas";
import { updatePair } from "@/lib/pairs/update";

export const GET = route({ role: "viewer", params: idParams }, async ({ params }) => getPair(params.id));

/** `{ version, ...changes }`; a stale version answers 409 `{ error: { code: "conflict" }, current }`. */
export const PATCH = route({ role: "reviewer", params: idParams, body: patchPairBody }, async ({ params, body, user }) =>
  updatePair(params.id, body, user.id));
