import fs from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { createSession } from "@/lib/auth/sessions";
import { ROLES, type Role } from "@/lib/auth/roles";
import { createUser } from "@/lib/auth/users";
import { useTestDatabase } from "../support/db";

/**
 * Every API route declares the role it needs, and refuses an anonymous caller (401) and a caller whose role
 * is too low (403) before it reads any input. The list of routes comes from the file system, so a new route
 * is checked the moment it exists.
 */
type Handler = ((req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>) & { role?: Role | "public" };
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? routeFiles(p) : e.name === "route.ts" ? [p] : [];
  });
}

const apiDir = path.join(process.cwd(), "app", "api");
const files = routeFiles(apiDir).sort();
const cookies = new Map<Role, string>();

function request(file: string, method: string, cookie?: string): { req: NextRequest; params: Record<string, string> } {
  const rel = path.relative(apiDir, path.dirname(file));
  const params: Record<string, string> = {};
  const url = "/api/" + rel.split(path.sep).map((seg) => {
    const m = seg.match(/^\[(\w+)\]$/);
    if (!m) return seg;
    params[m[1]!] = "1";
    return "1";
  }).join("/");
  const headers: Record<string, string> = { "content-type": "application/json", origin: "http://localhost" };
  if (cookie) headers.cookie = cookie;
  const req = new NextRequest(new URL(url, "http://localhost"), { method, headers, body: method === "GET" || method === "DELETE" ? undefined : "{}" });
  return { req, params };
}

beforeAll(async () => {
  await useTestDatabase();
  for (const role of ROLES) {
    const u = await createUser({ email: `${role}@routes.test`, role, password: "route test password" });
    cookies.set(role, `in2_session=${(await createSession(u.id)).token}`);
  }
});

describe("every API route", () => {
  it("is found", () => {
    expect(files.length).toBeGreaterThan(20);
  });

  for (const file of files) {
    const name = path.relative(process.cwd(), file);
    it(`${name} declares a role and enforces it`, async () => {
      const mod = (await import(file)) as Partial<Record<(typeof METHODS)[number], Handler>>;
      const handlers = METHODS.filter((m) => typeof mod[m] === "function");
      expect(handlers.length, `${name} exports no handler`).toBeGreaterThan(0);
      for (const method of handlers) {
        const handler = mod[method]!;
        expect(handler.role, `${method} ${name} declares no role (use route({ role }))`).toBeDefined();
        if (handler.role === "public") continue;
        const anon = request(file, method);
        const res = await handler(anon.req, { params: Promise.resolve(anon.params) });
        expect(res.status, `${method} ${name} without a session`).toBe(401);
        const below = ROLES[ROLES.indexOf(handler.role!) - 1];
        if (below) {
          const low = request(file, method, cookies.get(below));
          const r2 = await handler(low.req, { params: Promise.resolve(low.params) });
          expect(r2.status, `${method} ${name} as ${below} (needs ${handler.role})`).toBe(403);
        }
      }
    });
  }
});
