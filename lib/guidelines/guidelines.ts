import { z } from "zod";
import { pool } from "@/lib/db/client";

export const guidelinesBody = z.object({ text: z.string().trim().min(1, "write something").max(100_000) });

export interface GuidelinesVersion { id: number; text: string; author: string | null; createdAt: string }
export interface GuidelinesState { current: GuidelinesVersion | null; history: Omit<GuidelinesVersion, "text">[] }

/**
 * Review guidelines (markdown), one row per saved version. Every decision records the version in force
 * (pair_event.guidelines_version and review_vote.guidelines_version, set in the database), so a later audit can tell
 * which rules a decision followed.
 */
export async function saveGuidelines(text: string, authorId: number | null): Promise<GuidelinesVersion> {
  const { rows } = await pool().query<{ id: number }>(`INSERT INTO guidelines_version (text, author_id) VALUES ($1, $2) RETURNING id`, [text, authorId]);
  return (await guidelinesVersion(rows[0]!.id))!;
}

export async function guidelinesVersion(id?: number): Promise<GuidelinesVersion | null> {
  const { rows } = await pool().query<GuidelinesVersion & { createdAt: Date }>(
    `SELECT g.id, g.text, coalesce(u.name, u.email) AS author, g.created_at AS "createdAt" FROM guidelines_version g
     LEFT JOIN app_user u ON u.id = g.author_id WHERE ($1::int IS NULL OR g.id = $1) ORDER BY g.id DESC LIMIT 1`, [id ?? null]);
  const r = rows[0];
  return r ? { ...r, createdAt: r.createdAt.toISOString() } : null;
}

export async function guidelinesState(): Promise<GuidelinesState> {
  const [current, history] = await Promise.all([
    guidelinesVersion(),
    pool().query<{ id: number; author: string | null; createdAt: Date }>(
      `SELECT g.id, coalesce(u.name, u.email) AS author, g.created_at AS "createdAt" FROM guidelines_version g
       LEFT JOIN app_user u ON u.id = g.author_id ORDER BY g.id DESC LIMIT 50`),
  ]);
  return { current, history: history.rows.map((h) => ({ ...h, createdAt: h.createdAt.toISOString() })) };
}
