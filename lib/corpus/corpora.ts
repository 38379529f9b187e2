import { AppError } from "@/lib/api/errors";
import { pool } from "@/lib/db/client";
import { DEFAULT_MAX_PARAGRAPH_TOKENS } from "@/lib/segment/segment";
import { DEFAULT_TOKENIZER, isValidTokenizerName } from "@/lib/tokenize";

export interface CorpusRow {
  id: number; name: string; tokenizer: string; textField: string;
  /** paragraphs over this many tokens are cut at sentence boundaries on import; null = never */
  maxParagraphTokens: number | null;
  documentCount: number; segmentCount: number; tokenCount: number; createdAt: string;
}

const COLUMNS = `id, name, tokenizer, text_field AS "textField", max_paragraph_tokens AS "maxParagraphTokens", document_count AS "documentCount",
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

/**
 * Returns the corpus, creating it on first use. A corpus keeps the tokenizer and the paragraph bound it was
 * created with, so its segments all follow one rule. `maxParagraphTokens`: 0 = never cut (the paper's rule).
 */
export async function ensureCorpus(
  name: string,
  opts: { tokenizer?: string; textField?: string; maxParagraphTokens?: number } = {},
): Promise<CorpusRow> {
  if (!name.trim()) throw new AppError("bad_request", "a corpus needs a name");
  if (opts.tokenizer && !isValidTokenizerName(opts.tokenizer)) {
    throw new AppError("bad_request", `unknown tokenizer "${opts.tokenizer}"`);
  }
  const bound = opts.maxParagraphTokens;
  if (bound !== undefined && (!Number.isInteger(bound) || bound < 0 || bound > 1_000_000)) {
    throw new AppError("bad_request", `--max-paragraph-tokens must be a whole number from 0 (never cut) to 1000000, not ${bound}`);
  }
  const wanted = bound === undefined ? DEFAULT_MAX_PARAGRAPH_TOKENS : bound === 0 ? null : bound;
  await pool().query(
    `INSERT INTO corpus (name, tokenizer, text_field, max_paragraph_tokens) VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO NOTHING`,
    [name, opts.tokenizer ?? DEFAULT_TOKENIZER, opts.textField ?? "text", wanted]);
  const corpus = await getCorpus(name);
  if (opts.tokenizer && opts.tokenizer !== corpus.tokenizer) {
    throw new AppError("conflict", `corpus "${name}" uses tokenizer ${corpus.tokenizer}, not ${opts.tokenizer}; import into a new corpus to use another tokenizer`);
  }
  if (bound !== undefined && wanted !== corpus.maxParagraphTokens) {
    const has = corpus.maxParagraphTokens === null ? "never cuts paragraphs" : `cuts paragraphs over ${corpus.maxParagraphTokens} tokens`;
    throw new AppError("conflict", `corpus "${name}" ${has}; import into a new corpus to segment with --max-paragraph-tokens ${bound}`);
  }
  return corpus;
}
