import { AppError } from "@/lib/api/errors";
import { pool } from "@/lib/db/client";
import { DEFAULT_TOKENIZER, isValidTokenizerName } from "@/lib/tokenize";

export interface CorpusRow {
  id: number; name: string; tokenizer: string; textField: string;
  documentCount: number; segmentCount: number; tokenCount: number; createdAt: string;
}

const COLUMNS = `id, name, tokenizer, text_field AS "textField", document_count AS "documentCount",
  segment_count AS "segmentCount", token_count AS "tokenCount", created_at AS "createdAt"`;

export async function listCorpora(): Promise<CorpusRow[]> {
  const { rows } = await pool().query<CorpusRow>(`SELECT ${COLUMNS} FROM corpus ORDER BY id`);
  return rows;
}

export async function getCorpus(idOrName: number | string): Promise<CorpusRow> {
  const byId = typeof idOrName === "number";
  const { rows } = await pool().query<CorpusRow>(`SELECT ${COLUMNS} FROM corpus WHERE ${byId ? "id" : "name"} = $1`, [idOrName]);
  if (!rows[0]) throw new AppError("not_found", `corpus ${byId ? idOrName : `"${idOrName}"`} does not exist`);
  return rows[0];
}

/** Returns the corpus, creating it on first use. A corpus keeps the tokenizer it was created with. */
export async function ensureCorpus(name: string, opts: { tokenizer?: string; textField?: string } = {}): Promise<CorpusRow> {
  if (!name.trim()) throw new AppError("bad_request", "a corpus needs a name");
  if (opts.tokenizer && !isValidTokenizerName(opts.tokenizer)) {
    throw new AppError("bad_request", `unknown tokenizer "${opts.tokenizer}"`);
  }
  await pool().query(
    `INSERT INTO corpus (name, tokenizer, text_field) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING`,
    [name, opts.tokenizer ?? DEFAULT_TOKENIZER, opts.textField ?? "text"]);
  const corpus = await getCorpus(name);
  if (opts.tokenizer && opts.tokenizer !== corpus.tokenizer) {
    throw new AppError("conflict", `corpus "${name}" uses tokenizer ${corpus.tokenizer}, not ${opts.tokenizer}; import into a new corpus to use another tokenizer`);
  }
  return corpus;
}
