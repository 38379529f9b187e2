import crypto from "node:crypto";
import { AppError } from "@/lib/api/errors";
import { pool } from "@/lib/db/client";
import { builtinSystem, outputFormat, PROMPT_VERSION, type CustomPrompt } from "@/lib/generate/prompts";
import type { PromptType, PromptVersionRow, SavePromptBody } from "./schemas";

/**
 * Prompt versions are immutable rows (a trigger refuses UPDATE): a saved edit is a new version. The version string
 * is the name plus a hash of type, text and schema, so saving the same prompt twice is the same version, and a pair's
 * `prompt_version` names exactly the text it was written with.
 */
export function versionString(b: Pick<SavePromptBody, "name" | "type" | "text" | "outputSchema">): string {
  const h = crypto.createHash("sha256").update(JSON.stringify([b.type, b.text, b.outputSchema ?? null])).digest("hex");
  return `${b.name}@${h.slice(0, 10)}`;
}

interface Row { id: number; version: string; name: string; type: PromptType; text: string; outputSchema: PromptVersionRow["outputSchema"]; author: string | null; createdAt: Date }
const SELECT = `SELECT v.id, v.version, v.name, v.type, v.text, v.output_schema AS "outputSchema", coalesce(u.name, u.email) AS author, v.created_at AS "createdAt"
  FROM prompt_version v LEFT JOIN app_user u ON u.id = v.author_id`;
const toRow = (r: Row): PromptVersionRow => ({ ...r, createdAt: r.createdAt.toISOString(), builtin: false });

/** The built-in prompts (lib/generate/prompts.ts), shown as versions of their own so the lab can start from them. */
export function builtinVersions(): PromptVersionRow[] {
  return (["single", "multi"] as const).map((type) => ({
    id: null, version: PROMPT_VERSION, name: `builtin-${type}`, type, text: builtinSystem(type), outputSchema: outputFormat(type),
    author: null, createdAt: null, builtin: true,
  }));
}

export async function savePromptVersion(body: SavePromptBody, authorId: number | null): Promise<PromptVersionRow & { created: boolean }> {
  if (body.type !== "verify" && body.outputSchema && body.outputSchema.schema.type !== "object")
    throw new AppError("bad_request", "the output schema must describe a JSON object (type: object)");
  const version = versionString(body);
  const schema = body.outputSchema ?? (body.type === "verify" ? { name: "verdict", schema: { type: "object" } } : outputFormat(body.type));
  const ins = await pool().query<{ id: number }>(
    `INSERT INTO prompt_version (version, name, type, text, output_schema, author_id) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (version) DO NOTHING RETURNING id`, [version, body.name, body.type, body.text, JSON.stringify(schema), authorId]);
  return { ...(await getPromptVersion(version)), created: ins.rowCount === 1 };
}

export async function getPromptVersion(version: string): Promise<PromptVersionRow> {
  const builtin = builtinVersions().find((b) => b.version === version);
  if (builtin) return builtin;
  const { rows } = await pool().query<Row>(`${SELECT} WHERE v.version = $1`, [version]);
  if (!rows[0]) throw new AppError("not_found", `no prompt version "${version}"`);
  return toRow(rows[0]);
}

/** Every saved version, newest first per name (a lab holds dozens, not millions). */
export async function listPromptVersions(): Promise<PromptVersionRow[]> {
  const { rows } = await pool().query<Row>(`${SELECT} ORDER BY v.id DESC LIMIT 500`);
  return [...builtinVersions(), ...rows.map(toRow)];
}

/** The text a generation job carries for a lab version; its type must be the job's. */
export async function promptForGeneration(version: string, type: "single" | "multi"): Promise<CustomPrompt> {
  const v = await getPromptVersion(version).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "not_found") throw new AppError("bad_request", `promptVersion: no prompt version "${version}"; save it in Generate → Prompts first`);
    throw err;
  });
  if (v.type !== type) throw new AppError("bad_request", `promptVersion: "${version}" is a ${v.type} prompt, not ${type}`);
  return { system: v.text, format: v.outputSchema };
}
