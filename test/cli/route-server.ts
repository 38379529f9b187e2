import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { NextRequest } from "next/server";
import { findRoute, loadRoutes } from "../security/http-server";

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

  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const method = req.method ?? "GET";
      requests.push(`${method} ${url.pathname}`);
      const found = findRoute(routes, method, url.pathname);
      if (!found) {
        res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: "not_found", message: `no route ${method} ${url.pathname}` } }));
        return;
      }
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      const hasBody = method !== "GET" && method !== "HEAD";
      const nextReq = new NextRequest(url, {
        method, headers, ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: "half" } : {}),
      } as ConstructorParameters<typeof NextRequest>[1]);
      const response = await found.handler(nextReq, { params: Promise.resolve(found.params) });
      res.writeHead(response.status, Object.fromEntries(response.headers));
      if (!response.body) return void res.end();
      Readable.fromWeb(response.body as import("node:stream/web").ReadableStream).pipe(res);
    })().catch((err: Error) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { code: "internal", message: err.message } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
