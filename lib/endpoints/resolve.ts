import OpenAI from "openai";
import { AppError } from "@/lib/api/errors";
import { pool } from "@/lib/db/client";
import { BUILTIN_ENDPOINT, builtinEndpoint } from "./builtin";
import { guardedFetch } from "./safe-fetch";
import { decryptSecret } from "./secret";
import { checkUrl, UrlPolicyError } from "./url-policy";

/** Server-side only: everything needed to call an endpoint, key included. Never put this in an API answer. */
export interface ResolvedEndpoint {
  name: string;
  baseURL: string;
  apiKey: string | null;
  /** empty: any model */
  models: string[];
  allowPrivate: boolean;
}

/**
 * The endpoint called `nameOrId` ("default" or omitted: the environment's OPENAI_* endpoint), with its key
 * decrypted. Used by probe runs, generation and verification; the URL policy is re-checked on every request by
 * the client from `endpointClient`.
 */
export async function resolveEndpoint(nameOrId?: string | number | null): Promise<ResolvedEndpoint> {
  if (nameOrId == null || nameOrId === "" || nameOrId === BUILTIN_ENDPOINT) {
    const b = builtinEndpoint();
    if (!b) throw new AppError("bad_request", "no default endpoint: set OPENAI_API_KEY / OPENAI_BASE_URL, or name an endpoint an admin added (Settings → Endpoints)");
    return { name: BUILTIN_ENDPOINT, baseURL: b.row.baseUrl, apiKey: b.apiKey, models: [], allowPrivate: true };
  }
  const byId = typeof nameOrId === "number" || /^\d+$/.test(nameOrId);
  const { rows } = await pool().query<{ name: string; baseUrl: string; models: string[]; keyCipher: string | null; allowPrivate: boolean }>(
    `SELECT name, base_url AS "baseUrl", models, key_cipher AS "keyCipher", allow_private AS "allowPrivate"
     FROM model_endpoint WHERE ${byId ? "id = $1::int" : "name = $1"}`, [String(nameOrId)]);
  const r = rows[0];
  if (!r) throw new AppError("bad_request", `no model endpoint ${JSON.stringify(String(nameOrId))}; an admin adds endpoints in Settings → Endpoints`);
  return { name: r.name, baseURL: r.baseUrl, apiKey: r.keyCipher ? decryptSecret(r.keyCipher) : null, models: r.models, allowPrivate: r.allowPrivate };
}

/** Refuses a model the endpoint does not list, and an endpoint whose address the policy forbids (checked now, and again per request). */
export async function assertUsable(ep: ResolvedEndpoint, model: string): Promise<void> {
  if (ep.models.length && !ep.models.includes(model)) {
    throw new AppError("bad_request", `endpoint ${ep.name} offers ${ep.models.join(", ")}, not ${model}`);
  }
  try {
    await checkUrl(ep.baseURL, ep.allowPrivate);
  } catch (err) {
    if (err instanceof UrlPolicyError) throw new AppError("bad_request", `endpoint ${ep.name} refused: ${err.message}`);
    throw err;
  }
}

/** An openai SDK client for the endpoint, with the guarded fetch (http(s) only, address policy at connect time). */
export function endpointClient(ep: ResolvedEndpoint, opts: { timeoutMs?: number; maxRetries?: number } = {}): OpenAI {
  return new OpenAI({
    // local servers ignore the key; the SDK insists on one
    apiKey: ep.apiKey ?? "not-needed",
    baseURL: ep.baseURL,
    timeout: opts.timeoutMs ?? 60_000,
    maxRetries: opts.maxRetries ?? 0,
    fetch: guardedFetch(ep.allowPrivate),
  });
}
