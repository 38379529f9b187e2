import { z } from "zod";
import type { Role } from "@/lib/auth/roles";
import type { RouteSpec } from "./route";

/**
 * The OpenAPI 3.1 description of the REST API, built from what the routes really use: the role and the zod
 * schemas each handler got from route() (converted with z.toJSONSchema, as the client sends them: io "input"),
 * and the doc comment above each handler. The list of routes is lib/api/openapi-routes.ts, generated from app/api.
 */
export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

type AnySpec = RouteSpec<z.ZodType, z.ZodType, z.ZodType>;
export type DescribedHandler = ((...args: never[]) => unknown) & { role?: Role | "public"; spec?: AnySpec };
export interface RegisteredRoute { path: string; file: string; module: object; docs: Record<string, string> }

type JsonSchema = Record<string, unknown>;
export interface Parameter { name: string; in: "path" | "query"; required: boolean; schema: JsonSchema; description?: string }
export interface Operation {
  operationId: string; summary?: string; description?: string; tags: string[]; "x-role": Role | "public"; "x-source": string;
  security: Record<string, string[]>[]; parameters: Parameter[];
  requestBody?: { required: boolean; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: JsonSchema }> }>;
}
export interface OpenApiDocument {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  servers: { url: string }[];
  paths: Record<string, Partial<Record<Lowercase<HttpMethod>, Operation>>>;
  components: { securitySchemes: Record<string, unknown>; schemas: Record<string, JsonSchema> };
}

const ERROR = { $ref: "#/components/schemas/Error" };

export function toSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  return rest;
}

/** Query and path schemas are objects: each property becomes one parameter. */
function parameters(schema: z.ZodType | undefined, where: "path" | "query", pathNames: string[]): Parameter[] {
  const names = where === "path" ? pathNames : [];
  const json = schema ? toSchema(schema) : undefined;
  const props = (json?.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json?.required ?? []) as string[]);
  const out: Parameter[] = [];
  for (const name of new Set([...names, ...Object.keys(props)])) {
    const { description, ...s } = props[name] ?? { type: "string" };
    out.push({ name, in: where, required: where === "path" || required.has(name), schema: s, ...(description ? { description: String(description) } : {}) });
  }
  return out;
}

const firstSentence = (text: string) => (/^(.+?[.!?])(\s|$)/.exec(text)?.[1] ?? text).slice(0, 200);

export function buildOpenApi(routes: RegisteredRoute[], opts: { version?: string; self?: boolean } = {}): OpenApiDocument {
  const paths: OpenApiDocument["paths"] = {};
  const all = opts.self === false ? routes : [...routes, SELF_ROUTE];
  for (const route of [...all].sort((a, b) => a.path.localeCompare(b.path))) {
    const pathNames = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
    for (const method of HTTP_METHODS) {
      const handler = (route.module as Record<string, unknown>)[method] as DescribedHandler | undefined;
      if (typeof handler !== "function" || !handler.role) continue;
      const spec = handler.spec;
      const doc = route.docs[method];
      const op: Operation = {
        operationId: `${method.toLowerCase()}${route.path.replace(/^\/api/, "").replace(/[{}]/g, "").split(/[/.-]/).map((s) => s.charAt(0).toUpperCase() + s.slice(1)).join("")}`,
        ...(doc ? { summary: firstSentence(doc), description: doc } : {}),
        tags: [route.path.split("/")[2] ?? "api"],
        "x-role": handler.role,
        "x-source": route.file,
        security: handler.role === "public" ? [] : [{ bearerToken: [] }, { sessionCookie: [] }],
        parameters: [...parameters(spec?.params, "path", pathNames), ...parameters(spec?.query, "query", [])],
        responses: {
          "200": { description: "Success (JSON unless the description says it streams a file)" },
          "400": { description: "Invalid input: the message names the field", content: { "application/json": { schema: ERROR } } },
          ...(handler.role === "public" ? {} : {
            "401": { description: "Not signed in (no session cookie or bearer token)", content: { "application/json": { schema: ERROR } } },
            "403": { description: `Signed in below the ${handler.role} role`, content: { "application/json": { schema: ERROR } } },
          }),
        },
      };
      if (spec?.body) op.requestBody = { required: true, content: { "application/json": { schema: toSchema(spec.body) } } };
      (paths[route.path] ??= {})[method.toLowerCase() as Lowercase<HttpMethod>] = op;
    }
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "IN2 Studio REST API",
      version: opts.version ?? "1",
      description: "Everything the app and the `in2` CLI do goes through these routes. Authenticate with a session cookie "
        + "(the app) or `Authorization: Bearer in2_…` (a token from Settings). Each operation names the least role it needs "
        + "in `x-role` (viewer < reviewer < curator < admin). Errors are `{ \"error\": { \"code\", \"message\" } }`.",
    },
    servers: [{ url: "/" }],
    paths,
    components: {
      securitySchemes: {
        bearerToken: { type: "http", scheme: "bearer", description: "an API token from the Settings page" },
        sessionCookie: { type: "apiKey", in: "cookie", name: "in2_session" },
      },
      schemas: {
        Error: {
          type: "object", required: ["error"],
          properties: { error: { type: "object", required: ["code", "message"], properties: { code: { type: "string" }, message: { type: "string" } } } },
        },
      },
    },
  };
}

/** GET /api/openapi.json itself (its module imports the registry, so the registry cannot import it). */
const selfHandler = Object.assign(() => undefined, { role: "viewer" as const });
const SELF_ROUTE: RegisteredRoute = {
  path: "/api/openapi.json", file: "app/api/openapi.json/route.ts", module: { GET: selfHandler },
  docs: { GET: "This document: every route with its role, parameters and body schema (OpenAPI 3.1)." },
};
