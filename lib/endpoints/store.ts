import { AppError } from "@/lib/api/errors";
import { audit, type AuditActor } from "@/lib/auth/audit";
import { pool } from "@/lib/db/client";
import { BUILTIN_ENDPOINT, builtinEndpoint } from "./builtin";
import { encryptSecret } from "./secret";
import { checkUrl, UrlPolicyError } from "./url-policy";

/** What any API answer may carry about an endpoint: never the key, only its last 4 characters. */
export interface EndpointRow {
  id: number | null; name: string; baseUrl: string; models: string[]; keyLast4: string | null; hasKey: boolean;
  allowPrivate: boolean; builtin: boolean; createdAt: string | null; updatedAt: string | null;
}

export interface EndpointInput {
  name: string; baseUrl: string; models?: string[]; apiKey?: string | null; allowPrivate?: boolean;
}

/** Who changes endpoints (null: the CLI on the server), and from where. */
export type EndpointActor = AuditActor & { ip?: string };

const COLUMNS = `id, name, base_url AS "baseUrl", models, key_last4 AS "keyLast4", key_cipher IS NOT NULL AS "hasKey",
  allow_private AS "allowPrivate", false AS builtin, created_at AS "createdAt", updated_at AS "updatedAt"`;
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function last4(key: string): string {
  return key.length <= 8 ? "…" : key.slice(-4);
}

async function validated(input: EndpointInput): Promise<{ baseUrl: string; models: string[] }> {
  if (!NAME.test(input.name)) throw new AppError("bad_request", "an endpoint name has 1–64 letters, digits, dots, dashes or underscores");
  if (input.name.toLowerCase() === BUILTIN_ENDPOINT) throw new AppError("bad_request", `"${BUILTIN_ENDPOINT}" is the built-in endpoint from OPENAI_BASE_URL / OPENAI_API_KEY`);
  let url: URL;
  try {
    url = await checkUrl(input.baseUrl, input.allowPrivate ?? false, { unresolvable: "allow" });
  } catch (err) {
    if (err instanceof UrlPolicyError) throw new AppError("bad_request", err.message);
    throw err;
  }
  const models = [...new Set((input.models ?? []).map((m) => m.trim()).filter(Boolean))];
  return { baseUrl: url.toString().replace(/\/+$/, ""), models };
}

/** The built-in endpoint (when configured) first, then the stored ones by name. */
export async function listEndpoints(): Promise<EndpointRow[]> {
  const { rows } = await pool().query<EndpointRow>(`SELECT ${COLUMNS} FROM model_endpoint ORDER BY name LIMIT 1000`);
  const b = builtinEndpoint();
  return b ? [b.row, ...rows] : rows;
}

export async function getEndpointRow(nameOrId: string | number): Promise<EndpointRow> {
  const byId = typeof nameOrId === "number" || /^\d+$/.test(nameOrId);
  const { rows } = await pool().query<EndpointRow>(
    `SELECT ${COLUMNS} FROM model_endpoint WHERE ${byId ? "id = $1::int" : "name = $1"}`, [String(nameOrId)]);
  if (!rows[0]) throw new AppError("not_found", `no model endpoint ${JSON.stringify(String(nameOrId))}`);
  return rows[0];
}

export async function createEndpoint(input: EndpointInput, actor: EndpointActor | null): Promise<EndpointRow> {
  const v = await validated(input);
  const key = input.apiKey?.trim() || null;
  const { rows } = await pool().query<EndpointRow>(
    `INSERT INTO model_endpoint (name, base_url, models, key_cipher, key_last4, allow_private, created_by_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (name) DO NOTHING RETURNING ${COLUMNS}`,
    [input.name, v.baseUrl, v.models, key ? encryptSecret(key) : null, key ? last4(key) : null, input.allowPrivate ?? false, actor?.id || null]);
  if (!rows[0]) throw new AppError("conflict", `an endpoint called ${input.name} already exists`);
  await audit("endpoint_created", { actor, ip: actor?.ip, target: input.name, detail: { baseUrl: v.baseUrl, allowPrivate: rows[0].allowPrivate, hasKey: !!key } });
  return rows[0];
}

/** `apiKey`: undefined keeps the stored key, null or "" removes it, a string replaces it. */
export async function updateEndpoint(id: number, input: EndpointInput, actor: EndpointActor | null): Promise<EndpointRow> {
  const before = await getEndpointRow(id);
  const v = await validated(input);
  const key = input.apiKey === undefined ? undefined : input.apiKey?.trim() || null;
  const { rows } = await pool().query<EndpointRow>(
    `UPDATE model_endpoint SET name = $2, base_url = $3, models = $4, allow_private = $5, updated_at = now(),
       key_cipher = CASE WHEN $6 THEN $7 ELSE key_cipher END, key_last4 = CASE WHEN $6 THEN $8 ELSE key_last4 END
     WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, input.name, v.baseUrl, v.models, input.allowPrivate ?? false, key !== undefined, key ? encryptSecret(key) : null, key ? last4(key) : null])
    .catch((err: { code?: string }) => {
      if (err.code === "23505") throw new AppError("conflict", `an endpoint called ${input.name} already exists`);
      throw err;
    });
  await audit("endpoint_updated", {
    actor, ip: actor?.ip, target: input.name,
    detail: { before: { name: before.name, baseUrl: before.baseUrl, allowPrivate: before.allowPrivate }, baseUrl: v.baseUrl, allowPrivate: rows[0]!.allowPrivate, keyChanged: key !== undefined },
  });
  return rows[0]!;
}

export async function removeEndpoint(nameOrId: string | number, actor: EndpointActor | null): Promise<EndpointRow> {
  const row = await getEndpointRow(nameOrId);
  await pool().query(`DELETE FROM model_endpoint WHERE id = $1`, [row.id]);
  await audit("endpoint_removed", { actor, ip: actor?.ip, target: row.name, detail: { baseUrl: row.baseUrl } });
  return row;
}
