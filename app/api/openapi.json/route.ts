import { buildOpenApi, type OpenApiDocument } from "@/lib/api/openapi";
import { ROUTES } from "@/lib/api/openapi-routes";
import { route } from "@/lib/api/route";

let doc: OpenApiDocument | undefined;

/** The REST API as OpenAPI 3.1, built from the schemas the routes parse with (rendered at /api-docs). */
export const GET = route({ role: "viewer" }, async () => (doc ??= buildOpenApi(ROUTES)));
