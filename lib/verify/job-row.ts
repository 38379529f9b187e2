import { pool } from "@/lib/db/client";

export const VERIFY_KIND = "verify";

/** A verification job row without a queue message: `in2 verify --wait` runs it in-process (a worker's sweep takes it over should that process die). */
export async function createVerifyJobRow(params: unknown, total = 0): Promise<number> {
  const { rows } = await pool().query<{ id: number }>(`INSERT INTO job (kind, params, total) VALUES ($1, $2, $3) RETURNING id`, [VERIFY_KIND, JSON.stringify(params), total]);
  return rows[0]!.id;
}

