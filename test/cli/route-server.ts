import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { Readable } from "node:stream";
import { NextRequest } from "next/server";

/**
 * The app's REST API on a real HTTP port without `next build`: every app/api/** /route.ts is loaded (found by walking
 * the folder, like test/auth/routes.test.ts) and requests are matched the way Next.js matches them (static segments
 * before dynamic ones). Handlers get a real NextRequest and stream their Response back, so the CLI under test talks
 * HTTP to the very handlers the app serves.
 */
type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
interface Entry { segments: string[]; module: Record<string, Handler | undefined> }

export interface RouteServer { url: string; requests: string[]; close(): Promise<void> }

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? routeFiles(p) : e.name === "route.ts" ? [p] : [];
  });
}

function match(entry: Entry, parts: string[]): Record<string, string> | undefined {
  if (entry.segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const seg = entry.segments[i]!;
    const dyn = /^\[(\w+)\]$/.exec(seg);
    if (dyn) params[dyn[1]!] = decodeURIComponent(parts[i]!);
    else if (seg !== parts[i]) return undefined;
  }
  return params;
}

export async function startRouteServer(): Promise<RouteServer> {
  const apiDir = path.join(process.cwd(), "app", "api");
  const entries: Entry[] = [];
  for (const file of routeFiles(apiDir)) {
    const rel = path.relative(apiDir, path.dirname(file));
    entries.push({ segments: ["api", ...rel.split(path.sep)], module: await import(file) });
  }
  // static segments win over dynamic ones, as in Next.js (/api/pairs/jsonl before /api/pairs/[id])
  const dynamicCount = (e: Entry) => e.segments.filter((s) => s.startsWith("[")).length;
  entries.sort((a, b) => dynamicCount(a) - dynamicCount(b));
  const requests: string[] = [];

  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const method = req.method ?? "GET";
      requests.push(`${method} ${url.pathname}`);
      const parts = url.pathname.split("/").filter(Boolean);
      let found: { handler: Handler; params: Record<string, string> } | undefined;
      for (const e of entries) {
        const params = match(e, parts);
        const handler = params && e.module[method];
        if (params && handler) { found = { handler, params }; break; }
      }
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
