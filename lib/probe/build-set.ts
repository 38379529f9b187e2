import { AppError } from "@/lib/api/errors";
import { getCorpus } from "@/lib/corpus/corpora";
import { pool } from "@/lib/db/client";
import { DEFAULT_TOKENIZER, getTokenizer } from "@/lib/tokenize";
import { buildProbeSet } from "./build";
import { valProbingItems } from "./pieces";
import type { BuildProbeInput } from "./schemas";
import { corpusSentenceItems } from "./sentences";
import { saveProbeSet, type ProbeSetRow } from "./sets";
import type { ProbeItem } from "./types";

/**
 * Kept free in every prompt's budget: the reply (greedy, at most 128 new tokens, as the paper) and a margin
 * for the chat template's special tokens, so a 32K set fits a 32K model window whole.
 */
export const REPLY_RESERVE = 128 + 32;

/** How many documents a corpus-based set reads: ~20 sentences each is far more than a 32K context holds. */
const CORPUS_DOCUMENTS = 3000;

/**
 * Builds a probing set from the paper's pieces (or, document style, a corpus's sentences) with the corpus
 * tokenizer, and stores it. Deterministic in its inputs: the same options rebuild the same set.
 */
export async function buildAndSaveProbeSet(input: BuildProbeInput): Promise<ProbeSetRow> {
  let items: ProbeItem[];
  let tokenizer = input.tokenizer ?? DEFAULT_TOKENIZER;
  let source = "valprobing";
  if (input.corpus) {
    if (input.style !== "document") throw new AppError("bad_request", "only document-style sets can be built from a corpus");
    const corpus = await getCorpus(input.corpus);
    if (input.tokenizer && input.tokenizer !== corpus.tokenizer) {
      throw new AppError("bad_request", `corpus "${corpus.name}" counts tokens with ${corpus.tokenizer}; leave the tokenizer out or use that one`);
    }
    tokenizer = corpus.tokenizer;
    source = `corpus:${corpus.name}`;
    // A seeded order over the whole corpus, so a set samples all of it rather than its first documents.
    const { rows } = await pool().query<{ text: string }>(
      `SELECT text FROM document WHERE corpus_id = $1 AND NOT contaminated ORDER BY md5(id::text || $2), id LIMIT $3`,
      [corpus.id, input.seed, CORPUS_DOCUMENTS]);
    items = corpusSentenceItems(rows.map((r) => r.text), input.seed);
    if (items.length < 2) throw new AppError("unprocessable", `corpus "${corpus.name}" has too few usable sentences (12–60 words)`);
  } else {
    items = valProbingItems(input.style);
  }
  const tk = await getTokenizer(tokenizer).catch((e: Error) => { throw new AppError("bad_request", e.message); });
  let built;
  try {
    built = buildProbeSet({ style: input.style, items, count: (t) => tk.count(t), tokens: input.tokens, sets: input.sets, seed: input.seed, positions: input.positions, reserve: REPLY_RESERVE });
  } catch (e) {
    throw new AppError("bad_request", (e as Error).message);
  }
  const k = input.tokens % 1024 === 0 ? `${input.tokens / 1024}K` : `${input.tokens}`;
  const name = input.name ?? `${input.style} ${k}${source === "valprobing" ? "" : ` from ${source.slice(7)}`} · seed ${input.seed}`;
  return saveProbeSet({
    name, style: input.style, source, tokenizer, tokenBudget: input.tokens, setCount: input.sets, binSize: input.binSize, seed: input.seed,
  }, built);
}
