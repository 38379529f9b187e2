import { ASSEMBLY_VERSION, type AppliedRecipe } from "@/lib/contexts";
import { FILM_PREAMBLE } from "./formats";
import { StreamingHistogram } from "./histogram";
import { EXPORT_TYPES, PAIR_STATUSES, type ExportOptions } from "./params";
import type { ExportRecord } from "./types";

export const MANIFEST_VERSION = 2;

/** What the numbers in a row mean, written into every manifest so a reader needs no other documentation. */
export const DEFINITIONS = {
  offsets: "segments[].char_start/char_end are Unicode code point offsets into the context (Python slicing: context[char_start:char_end]); end exclusive",
  token_offsets: "segments[].token_start/token_end: tokens of the whole context before the segment's first token / through its last token, with the recipe's tokenizer; \"exact\" when every row's are, else \"estimated\" (sums of per-segment counts rescaled to the context's real count)",
  evidence_depth: "NIAH-style: for each evidence segment, tokens before it / (context tokens − its own tokens), in [0, 1]; 0 = at the very start, 1 = at the very end. Evidence segments only (never source or filler)",
  roles: "evidence: a piece the answer needs (the generator's pieces); source: another segment of the same document the generator saw, kept in the context; filler: a segment of another document",
  example_tokens: "tokens of the whole training example with the recipe's tokenizer, no BOS/EOS: film and raw count(FILM prompt) + count(answer); chat count(user message) + count(answer), without a model's chat-template role markers",
  keys: "document_key = sha256 of the document text; segment_key = <document sha256>:<segment index>; pair key = the generation item's content key: stable across databases, unlike the ids beside them",
} as const;

/** What the manifest says about the file itself, known only once it is written. */
export interface FileFacts { file: string; compression: "gzip" | null; compression_level?: number | null; bytes: number; sha256: string }

/**
 * Counts and histograms gathered row by row while the file is written, in bounded memory. The manifest holds no
 * timestamp and nothing that depends on how the rows were produced (assembled now or reused), so the same database
 * state and seed give the same manifest, like the same file.
 */
export class ManifestBuilder {
  private rows = 0;
  private readonly byType = Object.fromEntries(EXPORT_TYPES.map((t) => [t, 0])) as Record<string, number>;
  private readonly byStatus = Object.fromEntries(PAIR_STATUSES.map((s) => [s, 0])) as Record<string, number>;
  private readonly tokenizers = new Map<string, number>();
  private readonly contextSeeds = new Map<string, number>();
  private readonly longTokens: StreamingHistogram;
  private readonly shortTokens: StreamingHistogram;
  private readonly depths = new StreamingHistogram(10, 0, 1);
  private readonly leftOut = new Map<string, number>();
  private readonly runs = new Map<number, number>();
  private estimatedOffsets = 0;
  private maxExample = 0;

  constructor(private readonly options: ExportOptions, private readonly recipe: AppliedRecipe) {
    // 2K-token bins over the recipe's range (4K–32K by default); short contexts (original documents) get their own chart below min
    this.longTokens = new StreamingHistogram(Math.max(1, Math.round((recipe.maxTokens - recipe.minTokens) / 2048)), recipe.minTokens, Math.max(recipe.maxTokens, recipe.minTokens + 1));
    this.shortTokens = new StreamingHistogram(8, 0, recipe.minTokens);
  }

  add(r: ExportRecord): void {
    this.rows++;
    this.byType[r.type] = (this.byType[r.type] ?? 0) + 1;
    this.byStatus[r.status] = (this.byStatus[r.status] ?? 0) + 1;
    bump(this.tokenizers, r.context.tokenizer);
    bump(this.contextSeeds, r.context.seed);
    this.runs.set(r.context.runId, (this.runs.get(r.context.runId) ?? 0) + 1);
    if (r.context.tokenOffsets !== "exact") this.estimatedOffsets++;
    this.maxExample = Math.max(this.maxExample, r.exampleTokens);
    if (r.context.kind === "short") this.shortTokens.add(r.context.totalTokens);
    else {
      this.longTokens.add(r.context.totalTokens);
      for (const d of r.context.evidenceDepths) this.depths.add(d);
    }
  }

  /** selected pairs left out, by reason (contaminated, not_in_run, example_too_long, an assembly failure code …) */
  skip(reason: string, n = 1): void {
    this.leftOut.set(reason, (this.leftOut.get(reason) ?? 0) + n);
  }

  get leftOutTotal(): number {
    return [...this.leftOut.values()].reduce((a, b) => a + b, 0);
  }

  get rowCount(): number {
    return this.rows;
  }

  build(file: FileFacts) {
    const o = this.options;
    const tokenizers = [...this.tokenizers.keys()].sort();
    return {
      manifest_version: MANIFEST_VERSION,
      format: o.format,
      ...file,
      rows: this.rows,
      left_out: sortedObject(this.leftOut),
      left_out_total: this.leftOutTotal,
      seed: this.recipe.seed,
      tokenizer: tokenizers.length === 1 ? tokenizers[0] : null,
      tokenizers,
      // the recipe every row's context was assembled with: only values that were applied
      recipe: {
        min_tokens: this.recipe.minTokens, max_tokens: this.recipe.maxTokens, short_ratio: this.recipe.shortRatio, seed: this.recipe.seed,
        tokenizer: this.recipe.tokenizer ?? (tokenizers.length === 1 ? tokenizers[0] : null), eval_fingerprint: this.recipe.evalFingerprint,
        active_eval_fingerprint: this.recipe.activeEvalFingerprint, assembly_version: this.recipeVersion(),
      },
      runs: [...this.runs.entries()].sort(([a], [b]) => a - b).map(([id, rows]) => ({ id, rows })),
      parameters: {
        statuses: o.statuses, types: o.types.length ? o.types : [...EXPORT_TYPES], corpus_id: o.corpusId ?? null, run_id: this.recipe.runId,
        max_example_tokens: o.maxExampleTokens ?? null,
      },
      counts: { by_type: this.byType, by_status: this.byStatus },
      token_offsets: this.estimatedOffsets === 0 ? "exact" : "estimated",
      max_example_tokens_seen: this.maxExample,
      context_seeds: Object.fromEntries([...this.contextSeeds.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
      histograms: {
        context_tokens: this.longTokens.toJSON(),
        short_context_tokens: this.shortTokens.toJSON(),
        evidence_depth: this.depths.toJSON(),
      },
      template: o.format === "raw" ? null : { preamble: FILM_PREAMBLE, layout: "context, then instruction", inst_markers: o.format === "film" },
      row_order: "pair id ascending",
      definitions: DEFINITIONS,
    };
  }

  private recipeVersion(): number {
    return (this.recipe as { version?: number }).version ?? ASSEMBLY_VERSION;
  }
}
export type Manifest = ReturnType<ManifestBuilder["build"]>;

function sortedObject(m: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function bump(m: Map<string, number>, key: string): void {
  m.set(key, (m.get(key) ?? 0) + 1);
}
