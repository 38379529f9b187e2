import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { Readable } from "node:stream";
import { NextRequest } from "next/server";
import { PEER_HEADER } from "@/lib/auth/client-ip";
import { createSession } from "@/lib/auth/sessions";
import type { Role } from "@/lib/auth/roles";
import { createUser } from "@/lib/auth/users";
import { proxy } from "@/proxy";

/**
 * The app's API on a real HTTP port, as `in2 serve` runs it but without `next build`: the socket's address is
 * stamped into x-in2-peer (as bin/next-server.mjs does), proxy.ts runs first (CSRF, headers), then the route
 * handler found by walking app/api (static segments before dynamic ones, as Next matches them). Bodies stream.
 */
type Handler = ((req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>) & { role?: Role | "public" };
export interface RouteEntry { file: string; segments: string[]; module: Record<string, Handler | undefined> }
export const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

export function routeFiles(dir = path.join(process.cwd(), "app", "api")): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? routeFiles(p) : e.name === "route.ts" ? [p] : [];
  });
}

export async function loadRoutes(): Promise<RouteEntry[]> {
  const apiDir = path.join(process.cwd(), "app", "api");
  const entries: RouteEntry[] = [];
  for (const file of routeFiles(apiDir).sort()) {
    const rel = path.relative(apiDir, path.dirname(file));
    entries.push({ file, segments: ["api", ...rel.split(path.sep)], module: (await import(file)) as RouteEntry["module"] });
  }
  const dyn = (e: RouteEntry) => e.segments.filter((s) => s.startsWith("[")).length;
  return entries.sort((a, b) => dyn(a) - dyn(b));
}

/** The URL of a route with every dynamic segment filled by `fill` (e.g. "1"). */
export function routeUrl(e: RouteEntry, fill = "1"): string {
  return "/" + e.segments.map((s) => (/^\[\w+\]$/.test(s) ? fill : s)).join("/");
}

function match(entry: RouteEntry, parts: string[]): Record<string, string> | undefined {
  if (entry.segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const seg = entry.segments[i]!;
    const d = /^\[(\w+)\]$/.exec(seg);
    if (d) params[d[1]!] = decodeURIComponent(parts[i]!);
    else if (seg !== parts[i]) return undefined;
  }
  return params;
}

/** The handler Next.js would run for `method pathname` (routes sorted static-first by loadRoutes), with its params. */
export function findRoute(routes: RouteEntry[], method: string, pathname: string): { handler: Handler; params: Record<string, string> } | undefined {
  const parts = pathname.split("/").filter(Boolean);
  for (const e of routes) {
    const params = match(e, parts);
    const handler = params && e.module[method];
    if (params && handler) return { handler, params };
  }
  return undefined;
}

export interface TestServer {
  url: string;
  routes: RouteEntry[];
  close(): Promise<void>;
  /** fetch against the server; `from` picks the client's source address (e.g. 127.0.0.2) */
  call(method: string, p: string, opts?: CallOptions): Promise<{ status: number; body: string; json: unknown; headers: Headers }>;
}
export interface CallOptions { cookie?: string; bearer?: string; json?: unknown; raw?: string | Buffer; headers?: Record<string, string>; from?: string; chunked?: boolean }

// as bin/next-server.mjs does: the stamp counts only with this process's secret
const PEER_SECRET = (process.env.IN2_PEER_SECRET ??= crypto.randomBytes(16).toString("hex"));

/** A Node request as the NextRequest a route handler gets (the body streams, it is not read first). */
export function toNextRequest(req: http.IncomingMessage): NextRequest {
  const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "127.0.0.1"}`);
  const method = req.method ?? "GET";
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
  const hasBody = method !== "GET" && method !== "HEAD";
  return new NextRequest(url, { method, headers, ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: "half" } : {}) } as ConstructorParameters<typeof NextRequest>[1]);
}

/**
 * An HTTP server on 127.0.0.1 (a free port) that answers each request with the Response `handle` gives: status,
 * headers (each Set-Cookie apart) and a streamed body; a throw answers 500 with its message.
 */
export async function serveOnLoopback(handle: (req: http.IncomingMessage) => Promise<Response>): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    void (async () => {
      const response = await handle(req);
      const out: Record<string, string | string[]> = {};
      response.headers.forEach((v, k) => { out[k] = k === "set-cookie" ? response.headers.getSetCookie() : v; });
      res.writeHead(response.status, out);
      if (!response.body) return void res.end();
      Readable.fromWeb(response.body as import("node:stream/web").ReadableStream).pipe(res);
    })().catch((err: Error) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { code: "internal", message: err.message } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** A route's 404 answer when no handler matches `method pathname`. */
export const noRoute = (method: string, pathname: string) =>
  Response.json({ error: { code: "not_found", message: `no route ${method} ${pathname}` } }, { status: 404 });

export async function startTestServer(): Promise<TestServer> {
  const routes = await loadRoutes();
  const server = await serveOnLoopback(async (req) => {
    req.headers[PEER_HEADER] = req.socket.remoteAddress ?? "unknown";
    req.headers[`${PEER_HEADER}-secret`] = PEER_SECRET;
    const nextReq = toNextRequest(req);
    const gate = await proxy(nextReq);
    if (gate.status >= 400) return gate;
    const { method } = nextReq;
    const { pathname } = new URL(nextReq.url);
    const found = findRoute(routes, method, pathname);
    return found ? found.handler(nextReq, { params: Promise.resolve(found.params) }) : noRoute(method, pathname);
  });
  const base = server.url;
  return {
    url: base,
    routes,
    close: server.close,
    call: (method, p, opts = {}) => new Promise((resolve, reject) => {
      const headers: Record<string, string> = { origin: base, ...opts.headers };
      if (opts.cookie) headers.cookie = opts.cookie;
      if (opts.bearer) headers.authorization = `Bearer ${opts.bearer}`;
      const payload = opts.raw ?? (opts.json !== undefined ? JSON.stringify(opts.json) : undefined);
      if (payload !== undefined) {
        headers["content-type"] ??= "application/json";
        if (!opts.chunked) headers["content-length"] = String(Buffer.byteLength(payload));
      }
      let responded = false;
      const req = http.request(base + p, { method, headers, localAddress: opts.from }, (res) => {
        responded = true;
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const body = Buffer.concat(chunks).toString("utf8");
          let json: unknown;
          try { json = JSON.parse(body); } catch { json = undefined; }
          const h = new Headers();
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) h.set(k, Array.isArray(v) ? v.join(", ") : v);
          resolve({ status: res.statusCode ?? 0, body, json, headers: h });
        });
        res.on("error", reject);
      });
      // a server that answers early (413) and closes may reset the upload; the answer is what counts
      req.on("error", (err: NodeJS.ErrnoException) => {
        if (responded) return;
        if (err.code === "EPIPE" || err.code === "ECONNRESET") resolve({ status: 0, body: err.code, json: undefined, headers: new Headers() });
        else reject(err);
      });
      if (payload !== undefined && opts.chunked) {
        // no content-length: the body arrives in pieces, as a client would stream it, until the server answers
        const buf = Buffer.from(payload);
        void (async () => {
          for (let i = 0; i < buf.length && !responded && !req.destroyed; i += 64 * 1024) {
            await new Promise<void>((r) => req.write(buf.subarray(i, i + 64 * 1024), () => r()));
          }
          if (!req.destroyed) req.end();
        })();
      } else req.end(payload);
    }),
  };
}

/** A user of the role with a session cookie and an API token (created through the domain functions). */
export async function account(role: Role, email = `${role}-${Math.random().toString(36).slice(2, 8)}@security.test`, password = "security test password") {
  const { createApiToken } = await import("@/lib/auth/tokens");
  const user = await createUser({ email, role, password });
  const cookie = `in2_session=${(await createSession(user.id)).token}`;
  const { token } = await createApiToken(user.id, "test");
  return { user, cookie, token, password };
}

/** The session cookie a login answer set, as a Cookie header value. */
export function sessionFrom(headers: Headers): string | undefined {
  const m = /in2_session=([^;,\s]+)/.exec(headers.get("set-cookie") ?? "");
  return m?.[1] ? `in2_session=${m[1]}` : undefined;
}
