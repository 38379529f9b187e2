import { z } from "zod";
import { AppError } from "@/lib/api/errors";
import { pool } from "@/lib/db/client";
import { pairFilter, PAIR_SORTS, type PairFilter } from "@/lib/pairs/schemas";

/** A saved view: a named pairs-table filter (and sort), opened by anyone at /pairs?view=ID. */
export const savedViewBody = z.object({
  name: z.string().trim().min(1).max(120),
  filter: pairFilter.extend({ sort: z.enum(PAIR_SORTS).optional() }).strict(),
});
export interface SavedView { id: number; name: string; filter: PairFilter & { sort?: string }; author: string | null; createdAt: string }

const SELECT = `SELECT v.id, v.name, v.filter, coalesce(u.name, u.email) AS author, v.created_at AS "createdAt"
  FROM saved_view v LEFT JOIN app_user u ON u.id = v.author_id`;
const out = (r: SavedView & { createdAt: Date }): SavedView => ({ ...r, createdAt: r.createdAt.toISOString() });

export async function saveView(body: z.infer<typeof savedViewBody>, authorId: number): Promise<SavedView> {
  const clean = Object.fromEntries(Object.entries(body.filter).filter(([, v]) => v !== undefined && v !== ""));
  const { rows } = await pool().query<{ id: number }>(`INSERT INTO saved_view (name, filter, author_id) VALUES ($1, $2, $3) RETURNING id`,
    [body.name, JSON.stringify(clean), authorId]);
  return getView(rows[0]!.id);
}

export async function getView(id: number): Promise<SavedView> {
  const { rows } = await pool().query<SavedView & { createdAt: Date }>(`${SELECT} WHERE v.id = $1`, [id]);
  if (!rows[0]) throw new AppError("not_found", `saved view ${id} does not exist`);
  return out(rows[0]);
}

export async function listViews(): Promise<SavedView[]> {
  const { rows } = await pool().query<SavedView & { createdAt: Date }>(`${SELECT} ORDER BY v.name, v.id LIMIT 200`);
  return rows.map(out);
}

/** Its author or a curator may delete a view. */
export async function deleteView(id: number, user: { id: number; role: string }): Promise<{ deleted: number }> {
  const res = await pool().query(`DELETE FROM saved_view WHERE id = $1 AND (author_id = $2 OR $3)`, [id, user.id, user.role === "curator" || user.role === "admin"]);
  if (!res.rowCount) throw new AppError("not_found", `saved view ${id} does not exist or is not yours to delete`);
  return { deleted: id };
}
