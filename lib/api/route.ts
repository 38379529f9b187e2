import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { authenticate } from "@/lib/auth/authenticate";
import { hasRole, type Role, type SessionUser } from "@/lib/auth/roles";
import { AppError } from "./errors";

/**
 * The one wrapper every API route goes through: parses query, body and params with zod, runs the handler,
 * and turns every failure into `{ "error": { "code", "message" } }` with a matching status. No stack
 * trace ever reaches the client.
 */
export interface RouteSpec<Q extends z.ZodType, B extends z.ZodType, P extends z.ZodType> {
  /** the least role a caller needs; "public" for sign-in and setup only */
  role: Role | "public";
  query?: Q;
  body?: B;
  params?: P;
  /** the largest JSON body accepted (default DEFAULT_BODY_LIMIT); larger ones get 413 before they are parsed */
  maxBodyBytes?: number;
}

/** Bodies are JSON commands, not data: 1 MiB is far above any legitimate one (files go through /api/uploads). */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;
/** No query-string value needs more; longer ones are refused before any handler sees them. */
export const MAX_QUERY_VALUE = 2000;

export interface RouteInput<Q, B, P> {
  /** the caller (on "public" routes a placeholder with id 0 and role viewer when nobody is signed in) */
  user: SessionUser;
  query: Q;
  body: B;
  params: P;
  req: NextRequest;
}

type Handler<Q, B, P> = (input: RouteInput<Q, B, P>) => Promise<unknown>;

export function route<Q extends z.ZodType = z.ZodUnknown, B extends z.ZodType = z.ZodUnknown, P extends z.ZodType = z.ZodUnknown>(
  spec: RouteSpec<Q, B, P>,
  handler: Handler<z.infer<Q>, z.infer<B>, z.infer<P>>,
) {
  const handle = async (req: NextRequest, ctx: { params: Promise<Record<string, string>> }): Promise<Response> => {
    try {
      const user = await resolveUser(req, spec.role);
      const query = parse(spec.query, boundedQuery(req), "query");
      const params = parse(spec.params, ctx?.params ? await ctx.params : {}, "path");
      let body: unknown = undefined;
      if (spec.body) {
        body = parse(spec.body, await readJson(req, spec.maxBodyBytes ?? DEFAULT_BODY_LIMIT), "body");
      }
      const result = await handler({ user, query, body, params, req } as RouteInput<z.infer<Q>, z.infer<B>, z.infer<P>>);
      if (result instanceof Response) return result;
      return NextResponse.json(result ?? { ok: true });
    } catch (err) {
      return errorResponse(err);
    }
  };
  // the role and schemas are readable on the exported handler: a test checks every route declares and enforces a
  // role, and the OpenAPI document (lib/api/openapi.ts) is built from the very schemas that parse the input
  return Object.assign(handle, { role: spec.role, spec: spec as RouteSpec<z.ZodType, z.ZodType, z.ZodType> });
}

const ANONYMOUS: SessionUser = { id: 0, email: "", name: "anonymous", role: "viewer" };

async function resolveUser(req: NextRequest, role: Role | "public"): Promise<SessionUser> {
  const user = await authenticate(req);
  if (role === "public") return user ?? ANONYMOUS;
  if (!user) throw new AppError("unauthorized", "sign in first");
  if (!hasRole(user.role, role)) throw new AppError("forbidden", `this needs the ${role} role; you are ${user.role}`);
  return user;
}

function boundedQuery(req: NextRequest): Record<string, string> {
  for (const [k, v] of req.nextUrl.searchParams) {
    if (k.length > 100 || v.length > MAX_QUERY_VALUE) throw new AppError("bad_request", `the query parameter ${k.slice(0, 100)} is longer than ${MAX_QUERY_VALUE} characters`);
  }
  return Object.fromEntries(req.nextUrl.searchParams);
}

function tooLarge(limit: number): AppError {
  const size = limit >= 1024 * 1024 ? `${(limit / 1024 / 1024).toFixed(limit % (1024 * 1024) ? 1 : 0)} MiB` : `${Math.ceil(limit / 1024)} KiB`;
  return new AppError("payload_too_large", `the request body is larger than ${size}, the limit of this route; send less at once (files go through /api/uploads)`);
}

/** How much of an oversized body is read and thrown away so the 413 reaches the client; beyond it, the connection is cut. */
const DISCARD_CAP = 64 * 1024 * 1024;

async function discard(reader: ReadableStreamDefaultReader<Uint8Array>, budget: number): Promise<void> {
  let left = budget;
  while (left > 0) {
    const { done, value } = await reader.read();
    if (done) return;
    left -= value.byteLength;
  }
  await reader.cancel().catch(() => {});
}

/** Reads a JSON body without ever holding more than `limit` bytes: a declared or streamed excess is a 413. */
async function readJson(req: NextRequest, limit: number): Promise<unknown> {
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) {
    if (declared <= DISCARD_CAP && req.body) await discard(req.body.getReader(), DISCARD_CAP);
    throw tooLarge(limit);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (req.body) {
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        // Read on and discard (up to a cap) before answering: a server that stops reading and closes makes the
        // client's TCP stack see a reset, and the client would never see the 413 and its message.
        await discard(reader, DISCARD_CAP - total);
        throw tooLarge(limit);
      }
      chunks.push(value);
    }
  }
  const text = Buffer.concat(chunks).toString("utf8");
  // PostgreSQL text and jsonb cannot hold NUL: refuse it here with a clear message instead of failing deep inside
  if (text.includes("\u0000") || /\\u0000/i.test(text)) throw new AppError("bad_request", "the request body contains a NUL character (\\u0000), which text fields cannot hold");
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "the request body is not valid JSON");
  }
}

function parse<T extends z.ZodType>(schema: T | undefined, value: unknown, where: string): z.infer<T> {
  if (!schema) return value as z.infer<T>;
  const r = schema.safeParse(value);
  if (!r.success) {
    const first = r.error.issues[0];
    const at = first?.path.length ? ` at ${where}.${first.path.join(".")}` : ` in ${where}`;
    throw new AppError("bad_request", `${first?.message ?? "invalid input"}${at}`);
  }
  return r.data;
}

export function errorResponse(err: unknown): Response {
  if (err instanceof AppError) {
    return NextResponse.json({ error: { code: err.code, message: err.message }, ...err.extra }, { status: err.status });
  }
  console.error("[api]", err);
  return NextResponse.json({ error: { code: "internal", message: "internal error; see the server log" } }, { status: 500 });
}

/** Query-string helpers: numbers and booleans arrive as strings. */
export const qInt = z.coerce.number().int();
export const qBool = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");
