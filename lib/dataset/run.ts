import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pool } from "@/lib/db/client";
import { ManifestBuilder } from "@/lib/export/manifest";
import { normalizeOptions } from "@/lib/export/params";
import type { ExportResult, RunExportInput } from "@/lib/export/run-export";
import { countCandidates, exportBatches } from "@/lib/export/source";
import { getTokenizer, type Tokenizer } from "@/lib/tokenize";
import { datasetCard, type DatasetManifest } from "./card";
import { croissant } from "./croissant";
import { loadGeneral, type GeneralSet } from "./mix";
import { PAPER_GENERAL_SHARE, PAPER_MIXTURE, type DatasetOptions } from "./params";
import { generalRow, generalText, pairRow, rowFormatOf, type DatasetRow } from "./rows";
import { SplitShards, type ShardFacts } from "./shards";
import { DisjointnessLedger, SplitAssigner } from "./split";

export interface RunDatasetInput extends RunExportInput { dataset: DatasetOptions }
/** As lib/export's result; `out` is the folder, `sha256` that of SHA256SUMS (the shard list), `bytes` all shards. */
export type DatasetResult = Omit<ExportResult, "manifest"> & { manifest: DatasetManifest };

const SHARD_NAME = /^[a-z][a-z0-9_]*-\d{5}-of-\d{5}\.(parquet|jsonl\.gz)$/;

/** Counters the card needs beyond lib/export's manifest: generators, reviews, rows and tokens per split. */
class CardFacts {
  generators = new Map<string, number>();
  edited = 0;
  reviewers = new Set<string>();
  perSplit = new Map<string, { rows: number; pairs: number; general: number; max_example_tokens: number; example_tokens: number }>();

  split(name: string) {
    let s = this.perSplit.get(name);
    if (!s) this.perSplit.set(name, (s = { rows: 0, pairs: 0, general: 0, max_example_tokens: 0, example_tokens: 0 }));
    return s;
  }
}

/**
 * A Hub-ready dataset folder: `data/<split>-NNNNN-of-MMMMM.parquet` (or .jsonl.gz) shards, `README.md` (the
 * dataset card), `croissant.json` and `manifest.json` (lib/export's manifest plus shards with their sha256, splits,
 * the disjointness proof and the mixture). Rows come from lib/export's own row production (same selection, same
 * contexts, same formatting), split by a seeded hash of the source document's content key; general instruction
 * rows (--mix) are interleaved at their share in a seeded order. Pairs keep lib/export's order, so without a mixture
 * the rows of each split are the JSON Lines export's rows in the same order.
 */
export async function runDatasetExport(input: RunDatasetInput): Promise<DatasetResult> {
  const options = normalizeOptions(input.options);
  const ds = input.dataset;
  const rowFormat = rowFormatOf(options.format, ds.promptCompletion);
  const dir = path.resolve(input.out);
  const dataDir = path.join(dir, "data");
  await fs.promises.mkdir(dataDir, { recursive: true });
  // a folder written before (a resumed job, an earlier export) loses its old shards: the new count may differ
  for (const f of await fs.promises.readdir(dataDir)) if (SHARD_NAME.test(f) || f.endsWith(".partial")) await fs.promises.rm(path.join(dataDir, f));

  const assigner = new SplitAssigner(ds.splits, ds.splitSeed);
  const ledger = new DisjointnessLedger(assigner.names);
  const shards = new Map(assigner.names.map((n) => [n, new SplitShards(dataDir, n, rowFormat, ds.shardFormat, ds.shardMb * 1e6)]));
  const facts = new CardFacts();

  // general data, loaded and shuffled before the first pair (a bad file fails the export before any work)
  const mixSeed = `${ds.splitSeed}`;
  const general: (GeneralSet & { share: number; next: number; acc: number; rate: number })[] = [];
  for (const m of ds.mix) general.push({ ...(await loadGeneral(m.name, m.file, mixSeed)), share: m.share ?? PAPER_GENERAL_SHARE, next: 0, acc: 0, rate: 0 });
  const shareSum = general.reduce((a, g) => a + g.share, 0);
  if (shareSum >= 1) throw new RangeError(`--mix shares sum to ${shareSum}; they must leave room for the pairs (< 1)`);
  for (const g of general) {
    g.rate = g.share / (1 - shareSum); // general rows per pair row
    g.acc = assigner.unit(`mix-start\0${g.name}`); // seeded phase, so the first general row's place depends on the seed
  }

  const total = await countCandidates(options);
  const session = await input.store.open({
    minTokens: options.minTokens, maxTokens: options.maxTokens, shortRatio: options.shortRatio, seed: options.seed,
    tokenizer: options.tokenizer, runId: options.runId, split: { seed: ds.splitSeed, fractions: ds.splits },
  });
  const manifest = new ManifestBuilder(options, session.recipe);
  const progress = { scanned: 0, total, rows: 0, bytes: 0 };
  let unassembled = 0;
  let tokenizer: Tokenizer | null = session.recipe.tokenizer ? await getTokenizer(session.recipe.tokenizer) : null;
  input.onProgress?.({ ...progress });

  const emit = (split: string, row: DatasetRow, kind: "pairs" | "general") => {
    const size = Buffer.byteLength(JSON.stringify(row)) + 1;
    shards.get(split)!.add(row, size);
    const s = facts.split(split);
    s.rows++;
    s[kind]++;
    s.example_tokens += row.example_tokens;
    s.max_example_tokens = Math.max(s.max_example_tokens, row.example_tokens);
    progress.rows++;
    progress.bytes += size;
  };

  try {
    for await (const batch of exportBatches(options, session, input.store, input.batchSize)) {
      input.signal?.throwIfAborted();
      for (const r of batch.records) {
        const split = assigner.of(r.documentKey);
        const own = new Set<string>([r.documentKey]);
        const fillers = new Set<string>();
        for (const sp of r.context.spans) if (sp.documentKey) (sp.role === "filler" ? fillers : own).add(sp.documentKey);
        ledger.use(split, own, fillers);
        manifest.add(r);
        const g = `${r.provider}/${r.model} · ${r.promptVersion}`;
        facts.generators.set(g, (facts.generators.get(g) ?? 0) + 1);
        if (r.edited) facts.edited++;
        if (r.reviewer) facts.reviewers.add(r.reviewer);
        emit(split, pairRow(rowFormat, r), "pairs");
        tokenizer ??= await getTokenizer(r.context.tokenizer);
        for (const gs of general) {
          gs.acc += gs.rate;
          while (gs.acc >= 1 && gs.next < gs.rows.length) {
            gs.acc -= 1;
            await emitGeneral(gs, gs.next++);
          }
        }
      }
      for (const [reason, n] of Object.entries(batch.leftOut)) {
        manifest.skip(reason, n);
        unassembled += n;
      }
      progress.scanned += batch.scanned;
      input.onProgress?.({ ...progress });
    }
  } catch (err) {
    for (const s of shards.values()) s.abort();
    throw err;
  }

  async function emitGeneral(gs: (typeof general)[number], i: number) {
    const ex = gs.rows[i]!;
    tokenizer ??= await getTokenizer(session.recipe.tokenizer ?? "mistral");
    const n = tokenizer.count(generalText(rowFormat, ex));
    // a general row's "document" is its content: it lands in one split, like a pair's source document
    emit(assigner.of(gs.keys[i]!), generalRow(rowFormat, ex, n), "general");
  }

  const shardFacts: ShardFacts[] = [];
  for (const s of shards.values()) shardFacts.push(...(await s.finish()));
  const listing = shardFacts.map((s) => `${s.sha256}  ${s.file}\n`).join("");
  const folderSha = crypto.createHash("sha256").update(listing).digest("hex");
  const bytes = shardFacts.reduce((a, s) => a + s.bytes, 0);
  await writeAtomic(path.join(dir, "SHA256SUMS"), listing);

  const base = manifest.build({ file: "data/", compression: ds.shardFormat === "parquet" ? null : "gzip", bytes, sha256: folderSha });
  const pairRows = manifest.rowCount;
  const mixture = {
    parts: {
      in2_pairs: pairRows,
      ...Object.fromEntries(general.map((g) => [g.name, g.next])),
    },
    shares: Object.fromEntries([["in2_pairs", share(pairRows, progress.rows)], ...general.map((g) => [g.name, share(g.next, progress.rows)])]),
    asked: Object.fromEntries(general.map((g) => [g.name, g.share])),
    shortfall: Object.fromEntries(general.filter((g) => g.next < Math.floor(pairRows * g.rate)).map((g) => [g.name, Math.floor(pairRows * g.rate) - g.next])),
    sources: general.map((g) => ({ name: g.name, file: g.file, usable_rows: g.rows.length, used_rows: g.next, skipped: g.skipped })),
    paper: { ...PAPER_MIXTURE, general_share: round(PAPER_GENERAL_SHARE) },
    in2_by_type: base.counts.by_type,
    order: general.length ? "pairs in the export's order; general rows in a seeded order (sha256 of split seed and content), interleaved evenly at their share with a seeded phase" : String(base.row_order),
  };
  const splitSizes = Object.fromEntries(assigner.names.map((n) => {
    const s = facts.split(n);
    const own = shardFacts.filter((f) => f.split === n);
    return [n, { rows: s.rows, pairs: s.pairs, general: s.general, shards: own.length, bytes: own.reduce((a, f) => a + f.bytes, 0),
      max_example_tokens: s.max_example_tokens, mean_example_tokens: s.rows ? Math.round(s.example_tokens / s.rows) : 0 }];
  }));
  const disjoint = ledger.report((k) => assigner.of(k));
  const corpora = await corporaOf(options.corpusId ?? null, options.statuses);
  const built: DatasetManifest = {
    ...base,
    layout: "hf" as const,
    row_format: rowFormat,
    shard_format: ds.shardFormat,
    shard_compression: ds.shardFormat === "parquet" ? "snappy" : "gzip",
    shard_max_mb: ds.shardMb,
    shards: shardFacts,
    splits: { seed: ds.splitSeed, fractions: ds.splits, by: "sha256(split seed NUL document sha256): source and evidence documents, and general rows by their content", sizes: splitSizes },
    disjointness: {
      ...disjoint,
      fillers: disjoint.filler_documents_outside_their_split === 0 ? "every filler comes from a document of its row's split"
        : "fillers are drawn by assembly from the whole corpus: a filler document may also fill rows of another split (counted above); it never answers a question there",
    },
    mixture,
    max_example_tokens_seen: Math.max(0, ...Object.values(splitSizes).map((s) => s.max_example_tokens)),
    generators: Object.fromEntries([...facts.generators.entries()].sort()),
    review: { edited: facts.edited, reviewers: facts.reviewers.size, statuses: options.statuses, verified_only: options.verified },
    corpora,
    license: ds.license ?? licenseOf(corpora),
    language: ds.language,
  };
  const manifestPath = path.join(dir, "manifest.json");
  await writeAtomic(manifestPath, `${JSON.stringify(built, null, 2)}\n`);
  await writeAtomic(path.join(dir, "README.md"), datasetCard(built));
  await writeAtomic(path.join(dir, "croissant.json"), `${JSON.stringify(croissant(built), null, 2)}\n`);
  return { out: dir, manifestPath, rows: progress.rows, scanned: progress.scanned, unassembled, bytes, uncompressedBytes: progress.bytes,
    sha256: folderSha, manifest: built };
}

function share(n: number, total: number): number {
  return total ? round(n / total) : 0;
}
function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

async function writeAtomic(file: string, text: string): Promise<void> {
  await fs.promises.writeFile(`${file}.partial`, text);
  await fs.promises.rename(`${file}.partial`, file);
}

/** The corpora the selection draws on, with their licences (the card's licence and source_datasets). */
async function corporaOf(corpusId: number | null, statuses: string[]): Promise<{ name: string; license: string }[]> {
  const { rows } = await pool().query<{ name: string; license: string }>(
    `SELECT c.name, c.license FROM corpus c
     WHERE ($1::int IS NULL OR c.id = $1) AND EXISTS (SELECT 1 FROM pair p WHERE p.corpus_id = c.id AND p.status::text = ANY($2::text[]))
     ORDER BY c.name`, [corpusId, statuses]);
  return rows;
}

/** One licence for the card: the corpora's when they agree, "other" when they differ, "unknown" when none is known. */
export function licenseOf(corpora: { license: string }[]): string {
  const set = new Set(corpora.map((c) => c.license));
  if (set.size === 1) return [...set][0]!;
  return set.size === 0 ? "unknown" : "other";
}
