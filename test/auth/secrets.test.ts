import fs from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession } from "@/lib/auth/sessions";
import { createUser } from "@/lib/auth/users";
import { createEndpoint } from "@/lib/endpoints";
import { resetSecretCache } from "@/lib/endpoints/secret";
import { useTestDatabase } from "../support/db";

/** Model keys stay on the server: no API answer carries the environment's or a stored endpoint's, whatever the route. */
const SENTINEL = "sk-in2-test-sentinel-0123456789abcdef";
const STORED = "sk-in2-test-stored-fedcba9876543210";
const saved = process.env.OPENAI_API_KEY;
const savedSecret = process.env.IN2_SECRET;
let cookie = "";

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? routeFiles(p) : e.name === "route.ts" ? [p] : [];
  });
}

beforeAll(async () => {
  await useTestDatabase();
  process.env.OPENAI_API_KEY = SENTINEL;
  // a secret of the test's own, so nothing is written to the project's data dir
  process.env.IN2_SECRET = "secrets test server secret";
  resetSecretCache();
  const admin = await createUser({ email: "admin@secrets.test", role: "admin", password: "secrets test password" });
  cookie = `in2_session=${(await createSession(admin.id)).token}`;
  await createEndpoint({ name: "stored", baseUrl: "https://models.example.org/v1", apiKey: STORED }, admin);
});

afterAll(() => {
  process.env.OPENAI_API_KEY = saved;
  if (savedSecret === undefined) delete process.env.IN2_SECRET;
  else process.env.IN2_SECRET = savedSecret;
  resetSecretCache();
});

describe("secrets", () => {
  it("never appear in an API response", async () => {
    const apiDir = path.join(process.cwd(), "app", "api");
    let checked = 0;
    for (const file of routeFiles(apiDir)) {
      const mod = (await import(file)) as { GET?: (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response> };
      if (!mod.GET) continue;
      const params: Record<string, string> = {};
      const url = "/api/" + path.relative(apiDir, path.dirname(file)).split(path.sep)
        .map((seg) => (seg.startsWith("[") ? ((params[seg.slice(1, -1)] = "1"), "1") : seg)).join("/");
      const res = await mod.GET(new NextRequest(new URL(url, "http://localhost"), { headers: { cookie } }), { params: Promise.resolve(params) });
      const body = await res.text();
      expect(body, `GET ${url}`).not.toContain(SENTINEL);
      expect(body, `GET ${url}`).not.toContain(STORED);
      expect(body, `GET ${url}`).not.toMatch(/sk-in2-test/);
      checked++;
    }
    expect(checked).toBeGreaterThan(10);
  });
});
