import path from "node:path";
import { getCorpus } from "@/lib/corpus/corpora";
import { exportForJob } from "@/lib/export/exports";
import { exportOptions } from "@/lib/export/params";
import { createExportJobRow } from "@/lib/export/start";
import type { JobRow } from "@/lib/jobs/jobs";
import "@/lib/jobs/kinds";
import { UsageError, type Command } from "../command";
import { assertSucceeded } from "../errors";
import { runJobHere } from "../run-here";
import { exportRemote } from "./export-remote";
import { layoutFlags, list, num } from "./export-flags";


export const exportCommand: Command = {
  name: "export",
  summary: "export reviewed pairs with their long contexts as JSON Lines (film, chat or raw), with a manifest; or a Hub-ready folder (--layout hf)",
  usage: "in2 export --format film|chat|prompt_completion|raw --out PATH.jsonl[.gz] | --layout hf --out DIR [--split train=0.98,validation=0.02] [--split-seed S] "
    + "[--shard-mb 500] [--shard-format parquet|jsonl] [--mix general=FILE[:SHARE]] [--license ID] [--language en] [--run ID | --seed 1 --min-tokens 4096 --max-tokens 32768 --short-ratio 0.1] "
    + "[--status accepted[,pending,flagged,rejected]] [--type single,multi,short] [--corpus NAME] [--tokenizer NAME] [--max-example-tokens N] [--verified] [--compression-level 1-9 (gzip; 1 fastest, default 6)]",
  options: {
    format: { type: "string" }, status: { type: "string" }, type: { type: "string" }, seed: { type: "string" }, out: { type: "string" },
    corpus: { type: "string" }, "min-tokens": { type: "string" }, "max-tokens": { type: "string" }, "short-ratio": { type: "string" },
    run: { type: "string" }, tokenizer: { type: "string" }, "max-example-tokens": { type: "string" }, "compression-level": { type: "string" },
    verified: { type: "boolean" },
    layout: { type: "string" }, split: { type: "string" }, "split-seed": { type: "string" }, "shard-mb": { type: "string" },
    "shard-format": { type: "string" }, mix: { type: "string", multiple: true }, license: { type: "string" }, language: { type: "string" },
  },
  async run(v) {
    const { hf, out: outArg, dataset, promptCompletion } = layoutFlags(v);
    // --run ID exports that run's contexts with its recipe (seed included); without it the defaults are assembly's
    const parsed = exportOptions.safeParse({
      format: promptCompletion ? "chat" : v.format, statuses: list(v.status), types: list(v.type), seed: v.seed, gzip: outArg.endsWith(".gz"),
      corpusId: typeof v.corpus === "string" ? (await getCorpus(v.corpus)).id : undefined,
      minTokens: num(v["min-tokens"]), maxTokens: num(v["max-tokens"]), shortRatio: num(v["short-ratio"]),
      runId: num(v.run), tokenizer: v.tokenizer, maxExampleTokens: num(v["max-example-tokens"]),
      verified: v.verified === true, compressionLevel: num(v["compression-level"]),
      ...(hf ? { layout: "hf", dataset: { ...dataset, promptCompletion } } : {}),
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new UsageError(`${issue?.path.join(".") || "options"}: ${issue?.message ?? "invalid"}`);
    }
    const out = path.resolve(outArg);
    const id = await createExportJobRow(parsed.data, out);
    const started = Date.now();
    const job = await runJobHere(id, (j) => line(j, started));
    assertSucceeded(job, { job_id: id, status: job.status, error: job.error });
    const row = await exportForJob(id);
    const r = job.result as { rows: number; unassembled: number; leftOut?: Record<string, number>; recipe?: unknown; bytes: number; sha256: string; manifest: string; seconds: number };
    return {
      job_id: id, export_id: row?.id ?? null, format: promptCompletion ? "prompt_completion" : parsed.data.format, layout: parsed.data.layout, out, manifest: r.manifest, rows: r.rows,
      left_out: r.leftOut ?? {}, recipe: r.recipe ?? null, bytes: r.bytes, sha256: r.sha256, seconds: r.seconds,
    };
  },
  remote: exportRemote,
};

function line(j: JobRow, started: number): string {
  const c = j.counters as { rows?: number; bytes?: number };
  const secs = Math.max(0.001, (Date.now() - started) / 1000);
  const mb = (c.bytes ?? 0) / 1e6;
  return `export #${j.id} ${j.status}: ${j.done}/${j.total} pairs scanned, ${c.rows ?? 0} rows, ${mb.toFixed(1)} MB (${(mb / secs).toFixed(1)} MB/s)`;
}
