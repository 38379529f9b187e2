import { z } from "zod";
import { AppError } from "@/lib/api/errors";
import { pool } from "@/lib/db/client";

export const commentBody = z.object({ text: z.string().trim().min(1, "write something").max(5000) });
export interface PairComment { id: number; pairId: number; text: string; author: string | null; createdAt: string }

/** Comments on a pair: shown in its history beside the changes, newest first. */
export async function addComment(pairId: number, authorId: number, text: string): Promise<PairComment> {
  const { rows } = await pool().query<{ id: number }>(
    `INSERT INTO pair_comment (pair_id, author_id, text) SELECT id, $2, $3 FROM pair WHERE id = $1 RETURNING id`, [pairId, authorId, text]);
  if (!rows[0]) throw new AppError("not_found", `pair ${pairId} does not exist`);
  return (await listComments(pairId)).find((c) => c.id === rows[0]!.id)!;
}

export async function listComments(pairId: number): Promise<PairComment[]> {
  const { rows } = await pool().query<PairComment & { createdAt: Date }>(
    `SELECT c.id, c.pair_id AS "pairId", c.text, coalesce(u.name, u.email) AS author, c.created_at AS "createdAt"
     FROM pair_comment c LEFT JOIN app_user u ON u.id = c.author_id WHERE c.pair_id = $1 ORDER BY c.id DESC LIMIT 500`, [pairId]);
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}
