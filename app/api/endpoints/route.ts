import { route } from "@/lib/api/route";
import { clientIp } from "@/lib/auth/authenticate";
import { createEndpoint, listEndpoints } from "@/lib/endpoints";
import { endpointBody } from "@/lib/endpoints/schemas";

/** Curators pick endpoints for probe runs and generation; rows carry the key's last 4 characters at most. */
export const GET = route({ role: "curator" }, async () => ({ endpoints: await listEndpoints() }));

export const POST = route({ role: "admin", body: endpointBody }, async ({ body, user, req }) => ({
  endpoint: await createEndpoint(body, { ...user, ip: clientIp(req) }),
}));
