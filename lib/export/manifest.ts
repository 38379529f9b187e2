import { FILM_PREAMBLE } from "./formats";
import { StreamingHistogram } from "./histogram";
import { EXPORT_TYPES, PAIR_STATUSES, type ExportOptions } from "./params";
import type { ExportRecord } from "./types";

export const MANIFEST_VERSION = 1;

/** What the manifest says about the file itself, known only once it is written. */
export interface FileFacts { file: string; compression: "gzip" | null; bytes: number; sha256: string }

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
  private skipped = 0;

  constructor(private readonly options: ExportOptions) {
    // 2K-token bins over the paper's 4K–32K range; short contexts (original documents) get their own chart below min
    this.longTokens = new StreamingHistogram(Math.max(1, Math.round((options.maxTokens - options.minTokens) / 2048)), options.minTokens, options.maxTokens);
    this.shortTokens = new StreamingHistogram(8, 0, options.minTokens);
  }

  add(r: ExportRecord): void {
    this.rows++;
    this.byType[r.type] = (this.byType[r.type] ?? 0) + 1;
    this.byStatus[r.status] = (this.byStatus[r.status] ?? 0) + 1;
    bump(this.tokenizers, r.context.tokenizer);
    bump(this.contextSeeds, r.context.seed);
    if (r.context.kind === "short") this.shortTokens.add(r.context.totalTokens);
    else {
      this.longTokens.add(r.context.totalTokens);
      for (const d of r.context.evidenceDepths) this.depths.add(d);
    }
  }

  /** a selected pair left out because it has no context and could not be assembled */
  skip(): void {
    this.skipped++;
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
      skipped_unassemblable: this.skipped,
      seed: o.seed,
      tokenizer: tokenizers.length === 1 ? tokenizers[0] : null,
      tokenizers,
      parameters: {
        statuses: o.statuses, types: o.types.length ? o.types : [...EXPORT_TYPES], corpus_id: o.corpusId ?? null, seed: o.seed,
        min_tokens: o.minTokens, max_tokens: o.maxTokens, short_ratio: o.shortRatio,
      },
      counts: { by_type: this.byType, by_status: this.byStatus },
      context_seeds: Object.fromEntries([...this.contextSeeds.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
      histograms: {
        context_tokens: this.longTokens.toJSON(),
        short_context_tokens: this.shortTokens.toJSON(),
        evidence_depth: this.depths.toJSON(),
      },
      template: o.format === "raw" ? null : { preamble: FILM_PREAMBLE, layout: "context, then instruction", inst_markers: o.format === "film" },
      row_order: "pair id ascending",
      offsets: "segments[].char_start/char_end are Unicode code points into context (Python slicing); token offsets are tokens of the whole context",
    };
  }
}
export type Manifest = ReturnType<ManifestBuilder["build"]>;

function bump(m: Map<string, number>, key: string): void {
  m.set(key, (m.get(key) ?? 0) + 1);
}
