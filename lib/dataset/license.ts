import { AppError } from "@/lib/api/errors";
import { pool } from "@/lib/db/client";

/** A licence id as the Hub's card takes it (SPDX-like: cc-by-4.0, odc-by, apache-2.0, other, unknown). */
export const LICENSE_ID = /^[a-z0-9][a-z0-9.+-]{0,63}$/;

/** The licence of a corpus's source text, shown on dataset cards; "unknown" until someone sets it. */
export async function corpusLicense(name: string): Promise<{ corpus: string; license: string }> {
  const { rows } = await pool().query<{ license: string }>(`SELECT license FROM corpus WHERE name = $1`, [name]);
  if (!rows[0]) throw new AppError("not_found", `corpus "${name}" does not exist`);
  return { corpus: name, license: rows[0].license };
}

export async function setCorpusLicense(name: string, license: string): Promise<{ corpus: string; license: string }> {
  const id = license.trim().toLowerCase();
  if (!LICENSE_ID.test(id)) throw new AppError("bad_request", `"${license}" is not a licence id (e.g. odc-by, cc-by-4.0, apache-2.0, other)`);
  const { rowCount } = await pool().query(`UPDATE corpus SET license = $2 WHERE name = $1`, [name, id]);
  if (!rowCount) throw new AppError("not_found", `corpus "${name}" does not exist`);
  return { corpus: name, license: id };
}
