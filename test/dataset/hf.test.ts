import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from "hyparquet";
import { compressors } from "hyparquet-compressors";
import { beforeAll, describe, expect, it } from "vitest";
import { parquetWriteFile } from "hyparquet-writer";
import { parse as parseYaml } from "yaml";
import { datasetOptions, type DatasetRequest } from "@/lib/dataset/params";
import { runDatasetExport } from "@/lib/dataset/run";
import { SplitAssigner } from "@/lib/dataset/split";
import { pool } from "@/lib/db/client";
import { appContextStore } from "@/lib/export/contexts-adapter";
import { exportOptions, type ExportRequest } from "@/lib/export/params";
import { runExport } from "@/lib/export/run-export";
import type { ContextStore } from "@/lib/export/types";
import { NextRequest } from "next/server";
import { POST as startExportRoute } from "@/app/api/exports/route";
import { INITIAL_FORM, toBody } from "@/components/export/form-state";
import { runCli } from "../support/cli";
import { signedIn } from "../review/support";
import { useTestDatabase } from "../support/db";
import { readJsonl, seedExportData, type Seeded } from "../export/support";

type Row = Record<string, unknown> & { example_tokens: number; meta: { document_key?: string; example_tokens: number; type?: string } };

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "in2-dataset-test-"));
const BASE: ExportRequest = { format: "chat", seed: "7", minTokens: 1024, maxTokens: 4096, shortRatio: 0.25, statuses: ["accepted", "pending", "flagged"] };
const SPLITS = { train: 0.6, validation: 0.4 };
let seeded: Seeded;
let url: string;

async function hfExport(name: string, dataset: DatasetRequest, request: Partial<ExportRequest> = {}) {
  return runDatasetExport({ options: exportOptions.parse({ ...BASE, ...request }), out: path.join(dir, name), store: appContextStore, batchSize: 5,
    dataset: datasetOptions.parse(dataset) });
}

/** Reads a Parquet shard with hyparquet (a reader package apart from the writer, hyparquet-writer). */
async function readParquet(file: string): Promise<Record<string, unknown>[]> {
  const buffer = await asyncBufferFromFile(file);
  const metadata = await parquetMetadataAsync(buffer);
  expect(metadata.row_groups.every((g) => g.columns.every((c) => c.meta_data?.codec === "SNAPPY"))).toBe(true);
  return (await parquetReadObjects({ file: buffer, compressors })) as Record<string, unknown>[];
}

function sha256(file: string): string {
  return crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

function frontMatter(readme: string): Record<string, unknown> {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(readme);
  expect(m, "the card starts with YAML front matter").not.toBeNull();
  return parseYaml(m![1]!) as Record<string, unknown>;
}

beforeAll(async () => {
  url = await useTestDatabase();
  seeded = await seedExportData(24);
  await pool().query(`UPDATE corpus SET license = 'odc-by' WHERE id = $1`, [seeded.corpusId]);
});

describe("in2 export --layout hf (Parquet shards, card, croissant, splits)", () => {
  let jsonl: Row[];
  let parquetRows: Map<string, Row[]>;
  let result: Awaited<ReturnType<typeof hfExport>>;

  beforeAll(async () => {
    // the reference: a JSON Lines export whose contexts take their fillers by the same splits (as the hf layout's do)
    const splitStore: ContextStore = { ...appContextStore, open: (req) => appContextStore.open({ ...req, split: { seed: "s1", fractions: SPLITS } }) };
    const plain = await runExport({ options: exportOptions.parse(BASE), out: path.join(dir, "chat.jsonl"), store: splitStore, batchSize: 5 });
    jsonl = readJsonl<Row>(plain.out);
    result = await hfExport("chat-hf", { splits: SPLITS, splitSeed: "s1" });
    parquetRows = new Map();
    for (const s of result.manifest.shards as { file: string; split: string }[]) {
      parquetRows.set(s.split, [...(parquetRows.get(s.split) ?? []), ...((await readParquet(path.join(result.out, s.file))) as Row[])]);
    }
  });

  it("holds the JSON Lines export's rows, row by row, with the example's token count as a column", () => {
    expect(jsonl.length).toBeGreaterThan(10);
    const all = [...parquetRows.values()].flat();
    expect(all.length).toBe(jsonl.length);
    const assigner = new SplitAssigner(SPLITS, "s1");
    for (const [split, rows] of parquetRows) {
      // each split: the JSONL rows of its documents, in the same (pair id) order
      const expected = jsonl.filter((r) => assigner.of(r.meta.document_key!) === split);
      expect(rows.length).toBe(expected.length);
      for (const [i, row] of rows.entries()) {
        const { example_tokens, ...rest } = row;
        expect(rest).toEqual(expected[i]);
        expect(example_tokens).toBe(expected[i]!.meta.example_tokens);
        expect(example_tokens).toBeGreaterThan(100);
      }
    }
    expect(parquetRows.get("train")!.length).toBeGreaterThan(0);
    expect(parquetRows.get("validation")!.length).toBeGreaterThan(0);
  });

  it("names shards <split>-NNNNN-of-MMMMM.parquet and records the sha256 of every one", () => {
    const files = fs.readdirSync(path.join(result.out, "data")).sort();
    expect(files).toEqual(["train-00000-of-00001.parquet", "validation-00000-of-00001.parquet"]);
    const shards = result.manifest.shards as { file: string; sha256: string; bytes: number; rows: number }[];
    for (const s of shards) {
      expect(s.sha256).toBe(sha256(path.join(result.out, s.file)));
      expect(s.bytes).toBe(fs.statSync(path.join(result.out, s.file)).size);
    }
    expect(fs.readFileSync(path.join(result.out, "SHA256SUMS"), "utf8")).toBe(shards.map((s) => `${s.sha256}  ${s.file}\n`).join(""));
    const m = JSON.parse(fs.readFileSync(path.join(result.out, "manifest.json"), "utf8")) as typeof result.manifest;
    expect(m.max_example_tokens_seen).toBe(Math.max(...jsonl.map((r) => r.meta.example_tokens)));
    expect(Object.values(m.splits.sizes).reduce((a, s) => a + s.rows, 0)).toBe(jsonl.length);
  });

  it("splits by document: no document in two splits, fillers included, and the manifest counts 0 overlaps", async () => {
    const raw = await hfExport("raw-hf", { splits: SPLITS, splitSeed: "s1" }, { format: "raw" });
    const splitsOf = new Map<string, Set<string>>();
    for (const s of raw.manifest.shards) {
      for (const row of (await readParquet(path.join(raw.out, s.file))) as { segments: { role: string; document_key: string }[]; source: { document_key: string } }[]) {
        const docs = [row.source.document_key, ...row.segments.filter((x) => x.role !== "filler").map((x) => x.document_key)];
        for (const d of docs) splitsOf.set(d, (splitsOf.get(d) ?? new Set()).add(s.split));
      }
    }
    expect(splitsOf.size).toBeGreaterThan(5);
    expect([...splitsOf.values()].filter((s) => s.size > 1)).toEqual([]);
    expect(raw.manifest.disjointness.overlap_documents).toBe(0);
    // fillers too: a validation row's fillers come only from validation documents
    const fillerSplits = new Map<string, Set<string>>();
    for (const s of raw.manifest.shards) {
      for (const row of (await readParquet(path.join(raw.out, s.file))) as { segments: { role: string; document_key: string }[] }[]) {
        for (const x of row.segments) fillerSplits.set(x.document_key, (fillerSplits.get(x.document_key) ?? new Set()).add(s.split));
      }
    }
    expect([...fillerSplits.values()].filter((s) => s.size > 1)).toEqual([]);
    expect(raw.manifest.disjointness).toMatchObject({ filler_documents_outside_their_split: 0, fillers: "every filler comes from a document of its row's split" });
    expect(raw.manifest.disjointness.documents.train! + raw.manifest.disjointness.documents.validation!).toBe(splitsOf.size);
    // another seed moves documents between splits
    const other = await hfExport("raw-hf-2", { splits: SPLITS, splitSeed: "s2" }, { format: "raw" });
    expect(other.manifest.splits.sizes).not.toEqual(raw.manifest.splits.sizes);
  });

  it("writes a card whose YAML parses, names every shard per split, and states licence, tags and the longest row", () => {
    const readme = fs.readFileSync(path.join(result.out, "README.md"), "utf8");
    const y = frontMatter(readme) as { configs: { config_name: string; data_files: { split: string; path: string[] }[] }[]; license: string;
      tags: string[]; annotations_creators: string[]; task_categories: string[]; size_categories: string[]; language: string[]; source_datasets: string[] };
    const named = y.configs[0]!.data_files.flatMap((d) => d.path.map((p) => `${d.split}:${p}`)).sort();
    expect(named).toEqual(["train:data/train-00000-of-00001.parquet", "validation:data/validation-00000-of-00001.parquet"]);
    expect(y.license).toBe("odc-by");
    expect(y.tags).toContain("long-context");
    expect(y.annotations_creators).toEqual(["machine-generated", "expert-generated"]);
    expect(y.size_categories).toEqual(["n<1K"]);
    expect(y.language).toEqual(["en"]);
    expect(y.source_datasets).toContain(`extended|${"demo"}`.replace("demo", (result.manifest.corpora[0]!.name)));
    expect(readme).toContain(`load_dataset("parquet", data_files={"train": "data/train-*.parquet", "validation": "data/validation-*.parquet"})`);
    expect(readme).toContain(`**${result.manifest.max_example_tokens_seen} tokens**`);
    expect(readme).toContain("huggingface-cli upload");
    expect(readme).toContain("ODC-By");
    expect(readme).toMatch(/\| seed\/seed-model · in2-v1 \| \d+ \|/);
  });

  it("describes files, fields and splits in croissant.json", () => {
    const c = JSON.parse(fs.readFileSync(path.join(result.out, "croissant.json"), "utf8")) as {
      conformsTo: string; distribution: { "@type": string; contentUrl?: string; sha256?: string }[];
      recordSet: { "@id": string; data?: { "splits/name": string }[]; field: { name: string }[] }[] };
    expect(c.conformsTo).toBe("http://mlcommons.org/croissant/1.0");
    const files = c.distribution.filter((d) => d["@type"] === "cr:FileObject");
    expect(files.map((f) => [f.contentUrl, f.sha256])).toEqual(result.manifest.shards.map((s) => [s.file, sha256(path.join(result.out, s.file))]));
    expect(c.recordSet.find((r) => r["@id"] === "splits")!.data!.map((d) => d["splits/name"])).toEqual(["train", "validation"]);
    expect(c.recordSet.find((r) => r["@id"] === "default")!.field.map((f) => f.name)).toEqual(["split", "messages", "meta", "example_tokens"]);
  });
});

describe("shards, trainer formats and the mixture", () => {
  it("writes .jsonl.gz shards of bounded size with the same rows as the Parquet shards", async () => {
    const pq = await hfExport("bounded-pq", { splitSeed: "s1", shardMb: 0.05 }, { format: "film" });
    const gz = await hfExport("bounded-gz", { splitSeed: "s1", shardMb: 0.05, shardFormat: "jsonl" }, { format: "film" });
    expect(gz.manifest.shards.length).toBeGreaterThan(2);
    expect(gz.manifest.shards.map((s) => path.basename(s.file))).toEqual(gz.manifest.shards.map((_, i, a) =>
      `train-${String(i).padStart(5, "0")}-of-${String(a.length).padStart(5, "0")}.jsonl.gz`));
    for (const s of gz.manifest.shards) expect(s.uncompressed_bytes).toBeLessThanOrEqual(50_000 + 20_000); // one row may open a shard alone
    const gzRows = gz.manifest.shards.flatMap((s) => zlib.gunzipSync(fs.readFileSync(path.join(gz.out, s.file))).toString("utf8").trim().split("\n").map((l) => JSON.parse(l) as unknown));
    const pqRows: unknown[] = [];
    for (const s of pq.manifest.shards) pqRows.push(...(await readParquet(path.join(pq.out, s.file))));
    expect(gzRows.length).toBe(pq.rows);
    expect(pqRows).toEqual(gzRows);
    const film = gzRows[0] as { prompt: string; completion: string };
    expect(film.prompt.startsWith("[INST] Below is a context")).toBe(true);
  });

  it("writes TRL prompt–completion rows and blends general data at its share, shuffled by seed", async () => {
    const general = path.join(dir, "general.jsonl");
    const lines = [
      ...Array.from({ length: 30 }, (_, i) => ({ system_prompt: i % 2 ? "You are helpful." : "", question: `Orca question ${i}?`, response: `Orca answer ${i}.` })),
      ...Array.from({ length: 10 }, (_, i) => ({ instruction: `Alpaca task ${i}`, input: i % 2 ? "some input" : "", output: `Alpaca output ${i}` })),
      ...Array.from({ length: 10 }, (_, i) => ({ messages: [{ role: "user", content: `Chat ${i}` }, { role: "assistant", content: `Reply ${i}` }] })),
    ].map((l) => JSON.stringify(l));
    fs.writeFileSync(general, `${lines.join("\n")}\n{"neither": 1}\nnot json\n`);
    const r = await hfExport("mix", { splitSeed: "m", promptCompletion: true, mix: [{ name: "general", file: general, share: 0.5 }] });
    const rows: Row[] = [];
    for (const s of r.manifest.shards) rows.push(...((await readParquet(path.join(r.out, s.file))) as Row[]));
    const pairs = rows.filter((x) => x.meta.type !== "general");
    const gen = rows.filter((x) => x.meta.type === "general");
    expect(pairs.length).toBe(r.manifest.mixture.parts.in2_pairs);
    expect(gen.length).toBe(Math.min(50, pairs.length)); // share 0.5: one general row per pair
    expect(r.manifest.mixture.sources[0]).toMatchObject({ usable_rows: 50, skipped: { "not a JSON object": 1 } });
    for (const x of rows) {
      expect(Object.keys(x)).toEqual(["prompt", "completion", "example_tokens", "meta"]);
      expect((x.completion as { role: string }[]).map((m) => m.role)).toEqual(["assistant"]);
      expect((x.prompt as { role: string }[]).at(-1)!.role).toBe("user");
      expect(x.example_tokens).toBeGreaterThan(0);
    }
    const orca = gen.find((x) => (x.prompt as { role: string }[]).length === 2)!;
    expect((orca.prompt as { role: string; content: string }[])[0]).toEqual({ role: "system", content: "You are helpful." });
    // interleaved, not appended: general rows appear before the last pair
    expect(rows.findIndex((x) => x.meta.type === "general")).toBeLessThan(rows.length - gen.length);
    const again = await hfExport("mix-again", { splitSeed: "m", promptCompletion: true, mix: [{ name: "general", file: general, share: 0.5 }] });
    expect(again.manifest.shards.map((s) => s.sha256)).toEqual(r.manifest.shards.map((s) => s.sha256));
    const card = fs.readFileSync(path.join(r.out, "README.md"), "utf8");
    expect(card).toMatch(/\| general \(general instructions\) \| \d+ \(\d+\.\d%\) \| 200000 \(11\.4%\) \|/);
  });

  it("reads general data from Parquet (OpenOrca columns) at the paper's share by default", async () => {
    const file = path.join(dir, "orca.parquet");
    const n = 40;
    parquetWriteFile({ filename: file, columnData: [
      { name: "id", data: Array.from({ length: n }, (_, i) => `niv.${i}`), type: "STRING" },
      { name: "system_prompt", data: Array.from({ length: n }, () => "You are an AI assistant."), type: "STRING" },
      { name: "question", data: Array.from({ length: n }, (_, i) => `Parquet question ${i}?`), type: "STRING" },
      { name: "response", data: Array.from({ length: n }, (_, i) => `Parquet answer ${i}.`), type: "STRING" },
    ] });
    const r = await hfExport("mix-parquet", { splitSeed: "m", mix: [{ name: "general", file }] }, { format: "film" });
    const rows: Row[] = [];
    for (const s of r.manifest.shards) rows.push(...((await readParquet(path.join(r.out, s.file))) as Row[]));
    const gen = rows.filter((x) => x.meta.type === "general");
    const pairs = rows.length - gen.length;
    // 200K / 1.75M of all rows: 0.129 general rows per pair (floor of pairs × rate plus a seeded phase in [0, 1))
    expect(gen.length).toBeGreaterThan(0);
    expect(Math.abs(gen.length - pairs * (200 / 1550))).toBeLessThanOrEqual(1);
    expect(r.manifest.mixture.asked).toEqual({ general: 200_000 / 1_750_000 });
    expect((gen[0] as unknown as { prompt: string }).prompt).toMatch(/^\[INST\] You are an AI assistant\.\n\nParquet question \d+\? \[\/INST\]$/);
  });

  it("runs from the CLI: in2 export --layout hf --split … --format prompt_completion", async () => {
    const out = path.join(dir, "cli-hf");
    const r = await runCli(["export", "--layout", "hf", "--format", "prompt_completion", "--out", out, "--split", "train=0.5,validation=0.5", "--split-seed", "9",
      "--min-tokens", "1024", "--max-tokens", "4096", "--seed", "7"], { DATABASE_URL: url });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json).toMatchObject({ layout: "hf", format: "prompt_completion", out });
    const m = JSON.parse(fs.readFileSync(path.join(out, "manifest.json"), "utf8")) as { row_format: string; disjointness: { overlap_documents: number } };
    expect(m.row_format).toBe("prompt_completion");
    expect(m.disjointness.overlap_documents).toBe(0);
    const bad = await runCli(["export", "--layout", "hf", "--format", "chat", "--out", path.join(dir, "x"), "--split", "train=0.5,validation=0.4"], { DATABASE_URL: url });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/sum to 1/);
    const noHf = await runCli(["export", "--format", "chat", "--out", path.join(dir, "x.jsonl"), "--split", "train=1"], { DATABASE_URL: url });
    expect(noHf.stderr).toMatch(/need --layout hf/);
  });
});

describe("in2 license", () => {
  it("shows and sets a corpus's licence, and refuses what is not a licence id", async () => {
    const { rows } = await pool().query<{ name: string }>(`SELECT name FROM corpus WHERE id = $1`, [seeded.corpusId]);
    const name = rows[0]!.name;
    expect((await runCli(["license", name], { DATABASE_URL: url })).json).toEqual({ corpus: name, license: "odc-by" });
    expect((await runCli(["license", name, "CC-BY-4.0"], { DATABASE_URL: url })).json).toEqual({ corpus: name, license: "cc-by-4.0" });
    const bad = await runCli(["license", name, "not a licence"], { DATABASE_URL: url });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/not a licence id/);
    const { rows: after } = await pool().query<{ license: string }>(`SELECT license FROM corpus WHERE id = $1`, [seeded.corpusId]);
    expect(after[0]!.license).toBe("cc-by-4.0");
  });
});

describe("the UI's choice", () => {
  it("sends the hf layout from the export form, and the API refuses a mixture (it would read server files)", async () => {
    const body = toBody({ ...INITIAL_FORM, format: "chat", layout: "hf", split: "train=0.9,validation=0.1", splitSeed: "3", promptCompletion: true, license: "odc-by" });
    expect(exportOptions.parse(body)).toMatchObject({ layout: "hf", dataset: { splits: { train: 0.9, validation: 0.1 }, splitSeed: "3", promptCompletion: true,
      shardFormat: "parquet", license: "odc-by", shardMb: 500 } });
    expect(toBody(INITIAL_FORM)).not.toHaveProperty("layout");
    const { cookie } = await signedIn("curator", "curator@dataset.test");
    const post = (b: unknown) => startExportRoute(new NextRequest("http://local/api/exports", { method: "POST", body: JSON.stringify(b),
      headers: { "content-type": "application/json", cookie } }), { params: Promise.resolve({}) });
    const ok = await post(body);
    expect(ok.status).toBe(200);
    const { jobId } = (await ok.json()) as { jobId: number };
    const { rows } = await pool().query<{ params: { options: { layout: string } } }>(`SELECT params FROM job WHERE id = $1`, [jobId]);
    expect(rows[0]!.params.options.layout).toBe("hf");
    const mixed = await post({ ...body, dataset: { mix: [{ name: "general", file: "/etc/passwd" }] } });
    expect(mixed.status).toBe(400);
    expect(JSON.stringify(await mixed.json())).toMatch(/reads local files/);
  });
});
