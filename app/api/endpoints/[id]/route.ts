import { route } from "@/lib/api/route";
import { idParams } from "@/lib/api/schemas";
import { clientIp } from "@/lib/auth/authenticate";
import { removeEndpoint, updateEndpoint } from "@/lib/endpoints";
import { endpointBody } from "@/lib/endpoints/schemas";

export const PATCH = route({ role: "admin", params: idParams, body: endpointBody }, async ({ params, body, user, req }) => ({
  endpoint: await updateEndpoint(params.id, body, { ...user, ip: clientIp(req) }),
}));

export const DELETE = route({ role: "admin", params: idParams }, async ({ params, user, req }) => ({
  removed: (await removeEndpoint(params.id, { ...user, ip: clientIp(req) })).name,
}));
