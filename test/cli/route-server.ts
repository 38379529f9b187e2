import { findRoute, loadRoutes, noRoute, serveOnLoopback, toNextRequest } from "../security/http-server";

/**
 * The app's REST API on a real HTTP port without `next build`: every app/api/** /route.ts is loaded and matched the
 * way Next.js matches them (static segments before dynamic ones) by loadRoutes/findRoute, shared with the security
 * tests' server (test/security/http-server.ts). Handlers get a real NextRequest and stream their Response back, so the CLI under test talks
 * HTTP to the very handlers the app serves.
 */
export interface RouteServer { url: string; requests: string[]; close(): Promise<void> }

export async function startRouteServer(): Promise<RouteServer> {
  const routes = await loadRoutes();
  const requests: string[] = [];
  const server = await serveOnLoopback(async (req) => {
    const nextReq = toNextRequest(req);
    const { method } = nextReq;
    const { pathname } = new URL(nextReq.url);
    requests.push(`${method} ${pathname}`);
    const found = findRoute(routes, method, pathname);
    return found ? found.handler(nextReq, { params: Promise.resolve(found.params) }) : noRoute(method, pathname);
  });
  return { ...server, requests };
}
