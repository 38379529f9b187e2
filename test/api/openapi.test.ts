import fs from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { JOB_STATUSES } from "@/lib/api/schemas";
import { buildOpenApi, HTTP_METHODS, type DescribedHandler, type OpenApiDocument } from "@/lib/api/openapi";
import { ROUTES } from "@/lib/api/openapi-routes";
import { REGISTRY_FILE, renderRegistry, scanRoutes } from "@/lib/api/openapi-routes-gen";
import { GET as getOpenApi } from "@/app/api/openapi.json/route";
import { signedIn } from "../support/auth";
import { useTestDatabase } from "../support/db";

/**
 * The OpenAPI document lists every route the file system has, with the role its handler enforces and the zod
 * schemas it parses with. Routes are found here by walking app/api, independently of the generated registry.
 */
const root = process.cwd();
function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : e.name === "route.ts" ? [p] : [];
  });
}
const files = walk(path.join(root, "app", "api")).sort();
const doc: OpenApiDocument = buildOpenApi(ROUTES);
const ctx = { params: Promise.resolve({}) };

describe("the OpenAPI document", () => {
  it("is generated from the current routes (else run `npx tsx lib/api/openapi-routes-gen.ts`)", () => {
    const fresh = renderRegistry(scanRoutes(root));
    expect(fs.readFileSync(path.join(root, REGISTRY_FILE), "utf8"), "lib/api/openapi-routes.ts is stale: run `npx tsx lib/api/openapi-routes-gen.ts`").toBe(fresh);
  });

  it("has every route file and every handler, with the role the handler enforces", async () => {
    expect(files.length).toBeGreaterThan(40);
    let operations = 0;
    for (const file of files) {
      const rel = path.relative(path.join(root, "app"), path.dirname(file)).split(path.sep);
      const url = `/${rel.map((s) => s.replace(/^\[(\w+)\]$/, "{$1}")).join("/")}`;
      const mod = (await import(file)) as Record<string, DescribedHandler | undefined>;
      for (const method of HTTP_METHODS) {
        const handler = mod[method];
        if (typeof handler !== "function") continue;
        const op = doc.paths[url]?.[method.toLowerCase() as "get"];
        expect(op, `${method} ${url} (${path.relative(root, file)}) is missing from the OpenAPI document`).toBeDefined();
        expect(op!["x-role"], `${method} ${url}`).toBe(handler.role);
        for (const name of [...url.matchAll(/\{(\w+)\}/g)].map((m) => m[1])) {
          expect(op!.parameters.find((p) => p.in === "path" && p.name === name), `${method} ${url} path parameter ${name}`).toBeDefined();
        }
        operations++;
      }
    }
    const documented = Object.values(doc.paths).reduce((n, p) => n + Object.keys(p).length, 0);
    expect(documented).toBe(operations);
  });

  it("describes parameters and bodies with the routes' own zod schemas", () => {
    const list = doc.paths["/api/jobs"]!.get!;
    expect(list.parameters.find((p) => p.name === "status")).toEqual({ name: "status", in: "query", required: false, schema: { type: "string", enum: [...JOB_STATUSES] } });
    expect(list.parameters.find((p) => p.name === "limit")!.schema).toMatchObject({ type: "integer", minimum: 1, maximum: 200 });
    const show = doc.paths["/api/jobs/{id}"]!.get!;
    expect(show.parameters).toEqual([{ name: "id", in: "path", required: true, schema: expect.objectContaining({ type: "integer" }) }]);
    const gen = doc.paths["/api/generate"]!.post!;
    const body = gen.requestBody!.content["application/json"]!.schema as { required: string[]; properties: Record<string, { enum?: string[] }> };
    expect(body.required).toEqual(expect.arrayContaining(["type", "count"]));
    expect(body.properties.type!.enum).toEqual(["single", "multi"]);
    expect(gen["x-role"]).toBe("curator");
    expect(gen.summary).toBeUndefined(); // no doc comment above it: nothing is made up
    expect(doc.paths["/api/exports/{id}/download"]!.get!.summary).toBe("The finished file (or its manifest with ?file=manifest), streamed from the export store.");
    expect(doc.paths["/api/auth/login"]!.post!.security).toEqual([]);
  });
});

describe("GET /api/openapi.json", () => {
  beforeAll(async () => { await useTestDatabase(); });

  it("needs a signed-in viewer and serves the document", async () => {
    const anon = await getOpenApi(new NextRequest(new URL("/api/openapi.json", "http://localhost")), ctx);
    expect(anon.status).toBe(401);
    const viewer = await signedIn("viewer");
    const res = await getOpenApi(viewer.request("/api/openapi.json"), ctx);
    expect(res.status).toBe(200);
    const text = await res.text();
    const served = JSON.parse(text) as OpenApiDocument;
    expect(served.openapi).toBe("3.1.0");
    expect(Object.keys(served.paths)).toEqual(Object.keys(doc.paths));
    expect(served.paths["/api/openapi.json"]!.get!["x-role"]).toBe("viewer");
    // schemas, not values: nothing of the server's environment leaks into the document
    for (const secret of [process.env.DATABASE_URL, process.env.OPENAI_API_KEY].filter((s): s is string => Boolean(s && s.length > 8))) {
      expect(text).not.toContain(secret);
    }
  });
});
