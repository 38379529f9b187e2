import type { Histogram } from "@/lib/assemble";
import type { Manifest } from "@/lib/export/manifest";
import type { ShardFacts } from "./shards";

/** What the Hub layout adds to lib/export's manifest. */
export interface DatasetExtras {
  layout: "hf";
  row_format: "film" | "chat" | "prompt_completion" | "raw";
  shard_format: "parquet" | "jsonl";
  shard_compression: "snappy" | "gzip";
  shard_max_mb: number;
  shards: ShardFacts[];
  splits: { seed: string; fractions: Record<string, number>; by: string;
    sizes: Record<string, { rows: number; pairs: number; general: number; shards: number; bytes: number; max_example_tokens: number; mean_example_tokens: number }> };
  disjointness: { documents: Record<string, number>; overlap_documents: number; filler_documents: number; filler_documents_outside_their_split: number;
    filler_documents_also_source_in_another_split: number; fillers: string };
  mixture: { parts: Record<string, number>; shares: Record<string, number>; asked: Record<string, number>; shortfall: Record<string, number>;
    sources: { name: string; file: string; usable_rows: number; used_rows: number; skipped: Record<string, number> }[];
    paper: Record<string, number>; in2_by_type: Record<string, number>; order: string };
  max_example_tokens_seen: number;
  generators: Record<string, number>;
  review: { edited: number; reviewers: number; statuses: string[]; verified_only: boolean };
  corpora: { name: string; license: string }[];
  license: string;
  language: string[];
}
export type DatasetManifest = Omit<Manifest, "max_example_tokens_seen"> & DatasetExtras;

export function sizeCategory(n: number): string {
  const steps: [number, string][] = [[1e3, "n<1K"], [1e4, "1K<n<10K"], [1e5, "10K<n<100K"], [1e6, "100K<n<1M"], [1e7, "1M<n<10M"], [1e8, "10M<n<100M"], [1e9, "100M<n<1B"]];
  for (const [max, label] of steps) if (n < max) return label;
  return "1B<n<10B";
}

/** A YAML scalar that parses back as the same string whatever it holds (JSON strings are YAML). */
const q = (s: string) => JSON.stringify(s);

const FIELD_DOCS: Record<DatasetExtras["row_format"], string> = {
  film: "`prompt` (string: the FILM-7B template with `[INST] … [/INST]`), `completion` (string), `example_tokens` (int), `meta` (JSON string: pair, document and evidence segment keys, type, context tokens, evidence depths, seed)",
  chat: "`messages` (list of `{role, content}`: the user turn — FILM preamble, context, instruction — then the assistant's answer), `example_tokens` (int), `meta` (JSON string)",
  prompt_completion: "`prompt` (list of `{role, content}`: the user turn), `completion` (list of `{role, content}`: the assistant's answer), `example_tokens` (int), `meta` (JSON string) — TRL's conversational prompt–completion format",
  raw: "every field: `id`, `key`, `type`, `question`, `answer`, `support`, `context`, `context_tokens`, `example_tokens`, `tokenizer`, `token_offsets`, `segments` (JSON: role, document and segment keys, char and token offsets), `evidence_depths`, `source`, `generator`, `review`, `seed`",
};

function histogramTable(h: Histogram, unit: (x: number) => string): string {
  const rows = h.bins.map((b) => `| ${unit(b.start)}–${unit(b.end)} | ${b.count} |`);
  if (h.below) rows.unshift(`| below ${unit(h.bins[0]?.start ?? 0)} | ${h.below} |`);
  if (h.above) rows.push(`| above ${unit(h.bins.at(-1)?.end ?? 0)} | ${h.above} |`);
  return ["| range | rows |", "|---|---|", ...rows].join("\n");
}

/** README.md: Hub front matter (configs per split, licence, tags) and a body a trainer can act on the same day. */
export function datasetCard(m: DatasetManifest): string {
  const splits = Object.keys(m.splits.sizes);
  const total = Object.values(m.splits.sizes).reduce((a, s) => a + s.rows, 0);
  const ext = m.shard_format === "parquet" ? "parquet" : "jsonl.gz";
  const loader = m.shard_format === "parquet" ? "parquet" : "json";
  const front = [
    "---",
    `license: ${q(m.license)}`,
    "language:",
    ...m.language.map((l) => `- ${q(l)}`),
    "size_categories:",
    `- ${q(sizeCategory(total))}`,
    "source_datasets:",
    `- ${q("original")}`,
    ...m.corpora.map((c) => `- ${q(`extended|${c.name}`)}`),
    "task_categories:",
    `- ${q("text-generation")}`,
    `- ${q("question-answering")}`,
    "annotations_creators:",
    `- ${q("machine-generated")}`,
    `- ${q("expert-generated")}`,
    "tags:",
    ...["long-context", "in2", "information-intensive", "synthetic", "sft"].map((t) => `- ${q(t)}`),
    "pretty_name: IN2 long-context training data",
    "configs:",
    `- config_name: ${q("default")}`,
    "  data_files:",
    ...splits.flatMap((s) => [`  - split: ${q(s)}`, "    path:", ...m.shards.filter((f) => f.split === s).map((f) => `    - ${q(f.file)}`)]),
    "---",
    "",
  ];
  const sizeRows = splits.map((s) => {
    const z = m.splits.sizes[s]!;
    return `| ${s} | ${z.rows} | ${z.pairs} | ${z.general} | ${m.disjointness.documents[s] ?? 0} | ${z.shards} | ${(z.bytes / 1e6).toFixed(1)} MB | ${z.max_example_tokens} |`;
  });
  const paper = m.mixture.paper;
  const paperTotal = paper.fine_grained! + paper.integration! + paper.short! + paper.general!;
  const mixRows = [
    `| fine-grained (single segment) | ${m.mixture.in2_by_type.single ?? 0} | ${paper.fine_grained} (${pct(paper.fine_grained! / paperTotal)}) |`,
    `| integration (multi segment) | ${m.mixture.in2_by_type.multi ?? 0} | ${paper.integration} (${pct(paper.integration! / paperTotal)}) |`,
    `| short context | ${m.mixture.in2_by_type.short ?? 0} | ${paper.short} (${pct(paper.short! / paperTotal)}) |`,
    ...Object.entries(m.mixture.parts).filter(([k]) => k !== "in2_pairs").map(([k, n]) => `| ${k} (general instructions) | ${n} (${pct(m.mixture.shares[k] ?? 0)}) | ${paper.general} (${pct(paper.general! / paperTotal)}) |`),
  ];
  if (Object.keys(m.mixture.parts).length === 1) mixRows.push(`| general instructions | 0 (not mixed in: \`in2 export --mix general=FILE[:SHARE]\`) | ${paper.general} (${pct(paper.general! / paperTotal)}) |`);
  const generators = Object.entries(m.generators).map(([g, n]) => `| ${g} | ${n} |`);
  const leftOut = Object.entries(m.left_out).map(([r, n]) => `${r}: ${n}`).join(", ") || "none";
  const verification = Object.entries(m.left_out).filter(([r]) => r.startsWith("verification")).reduce((a, [, n]) => a + n, 0);
  const dataFiles = splits.map((s) => `"${s}": "data/${s}-*.${ext}"`).join(", ");
  const body = `# IN2 long-context training data

Question–answer pairs about one or several segments of a document, each placed in a long context of other text
(IN2 training, An et al. 2024, "Make Your LLM Fully Utilize the Context"), exported by IN2 Studio.
${total} rows in ${m.shards.length} ${m.shard_format === "parquet" ? "Parquet (snappy)" : "gzip JSON Lines"} shards of at most ${m.shard_max_mb} MB of rows.

## Loading

\`\`\`python
from datasets import load_dataset
ds = load_dataset("${loader}", data_files={${dataFiles}})
# from the Hub, after upload: load_dataset("YOUR_NAME/YOUR_DATASET")
\`\`\`

Row format **${m.row_format}**: ${FIELD_DOCS[m.row_format]}.
${m.row_format === "prompt_completion" || m.row_format === "chat"
    ? `TRL: \`SFTTrainer(model, train_dataset=ds["${splits[0]}"], args=SFTConfig(max_length=${nextPow2(m.max_example_tokens_seen)}))\` — TRL's \`max_length\` (1024 by default) truncates longer rows, so raise it above the longest row: **${m.max_example_tokens_seen} tokens** here (\`max_example_tokens_seen\` in manifest.json). ${m.row_format === "prompt_completion" ? "The loss is taken on the completion only (TRL's default for prompt–completion)." : "Set `assistant_only_loss=True` to train on the answer only."}`
    : m.row_format === "film"
      ? `The FILM-7B template: train on \`prompt + completion\` with the loss on the completion (TRL: rename to a prompt–completion dataset of strings; axolotl: \`type: completion\` or an input/output template). The longest row is **${m.max_example_tokens_seen} tokens**: the trainer's max length must exceed it.`
      : `Raw rows keep every field and position; build your own template. The longest example is **${m.max_example_tokens_seen} tokens**.`}
\`example_tokens\` counts the whole example (template, context, question, answer) with the ${m.tokenizer ?? m.tokenizers.join("/")} tokenizer, without BOS/EOS or a model's chat-template role markers.

## Splits

Split by **document** (seed \`${m.splits.seed}\`): a document's split is a hash of its content key and the seed, so no
source document, and no document used as evidence, is in two splits (overlap: **${m.disjointness.overlap_documents}** documents).
${m.disjointness.fillers}${m.disjointness.filler_documents ? ` (${m.disjointness.filler_documents_outside_their_split} of ${m.disjointness.filler_documents} filler documents).` : "."}

| split | rows | IN2 pairs | general | documents | shards | size | longest example (tokens) |
|---|---|---|---|---|---|---|---|
${sizeRows.join("\n")}

## Mixture

| part | this dataset | FILM-7B (paper) |
|---|---|---|
${mixRows.join("\n")}

${m.mixture.order}.${Object.keys(m.mixture.shortfall).length ? ` Short of the asked share: ${Object.entries(m.mixture.shortfall).map(([k, n]) => `${k} ${n} rows`).join(", ")} (the file had too few usable rows).` : ""}

## Recipe

Contexts of ${m.recipe.min_tokens}–${m.recipe.max_tokens} tokens (${m.recipe.tokenizer ?? "corpus"} tokenizer), short-context ratio ${m.recipe.short_ratio},
assembly seed \`${m.recipe.seed}\`, assembly version ${m.recipe.assembly_version}${m.recipe.eval_fingerprint ? `, decontaminated against evaluation sets \`${m.recipe.eval_fingerprint}\`` : ""}.
Statuses exported: ${m.parameters.statuses.join(", ")}; types: ${m.parameters.types.join(", ")}. Left out: ${leftOut}.

## Generation, review and verification

| generator model · prompt version | rows |
|---|---|
${generators.join("\n") || "| — | 0 |"}

Review: ${Object.entries(m.counts.by_status).filter(([, n]) => n).map(([s, n]) => `${n} ${s}`).join(", ") || "no rows"}; ${m.review.edited} edited by a reviewer; ${m.review.reviewers} reviewers.
Verification: ${m.review.verified_only ? `only pairs that passed every model check were exported (${verification} left out by verification)` : "not required for export (pairs were not filtered on model checks)"}.

## Context length (tokens)

${histogramTable(m.histograms.context_tokens, (x) => String(Math.round(x)))}

Short contexts (the original document):

${histogramTable(m.histograms.short_context_tokens, (x) => String(Math.round(x)))}

## Evidence depth (0 = start of the context, 1 = end)

${histogramTable(m.histograms.evidence_depth, (x) => x.toFixed(1))}

## Known limitations

- Questions and answers are written by a language model from one document; reviewed rows were checked by people, others were not.
- Filler text is unrelated to the question by construction, but a filler may mention the same topic.
- Token counts depend on the tokenizer named above; another model's tokenizer gives other counts.
- Rows within a split keep the JSON Lines export's order (${m.row_order}); shuffle before training.

## Licence

Card licence: \`${m.license}\`${m.corpora.length ? ` (source corpora: ${m.corpora.map((c) => `${c.name}: ${c.license}`).join(", ")})` : ""}.
Source text keeps its own licence: C4 is released under ODC-By (attribution to the Common Crawl-derived corpus, and its own terms of use).
Questions and answers written by a model carry the terms of that model's provider (${[...new Set(Object.keys(m.generators).map((g) => g.split("/")[0]))].join(", ") || "none"}), which may restrict training competing models.

## Files

\`manifest.json\` holds every count above, the recipe and the sha256 of every shard (also in \`SHA256SUMS\`: \`sha256sum -c SHA256SUMS\`);
\`croissant.json\` is Croissant 1.0 metadata.

Upload: \`huggingface-cli upload YOUR_NAME/YOUR_DATASET . . --repo-type dataset\` from this folder
(or \`hf upload YOUR_NAME/YOUR_DATASET . --repo-type=dataset\`); \`huggingface-cli login\` first.
`;
  return `${front.join("\n")}${body}`;
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

function nextPow2(n: number): number {
  let p = 1024;
  while (p <= n) p *= 2;
  return p;
}
