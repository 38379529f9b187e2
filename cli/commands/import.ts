import fs from "node:fs";
import path from "node:path";
import { DEMO_CORPUS, DEMO_LICENSE, demoFile } from "@/lib/corpus/demo";
import { decontaminateAll } from "@/lib/contexts/decontaminate";
import { importFiles, type ImportProgress } from "@/lib/corpus/importer";
import { catchUpSearchIndex, indexesPending, pendingSearchSegments } from "@/lib/corpus/search-index";
import { progress, UsageError, type Command } from "../command";
import { assertSucceeded } from "../errors";
import { followRemoteJob } from "../remote";

export const importCommand: Command = {
  name: "import",
  summary: "import JSON Lines (plain or .gz) or .txt files into a corpus, cut into IN2 segments",
  usage: "in2 import <file|folder...> [--corpus NAME] [--license ID] [--text-field text] [--tokenizer mistral|o200k_base|hf:PATH] [--max-paragraph-tokens 256] | in2 import --demo",
  options: {
    corpus: { type: "string" },
    "text-field": { type: "string" },
    tokenizer: { type: "string" },
    // a new corpus cuts paragraphs over this many tokens at sentence boundaries (default 256 = 2 × 128; 0 = never)
    "max-paragraph-tokens": { type: "string" },
    demo: { type: "boolean" },
    // the source text's licence, as the dataset card states it (SPDX or Hub id: ODC-By-1.0 / odc-by, cc-by-4.0 …)
    license: { type: "string" },
  },
  async run(values, positionals) {
    const files = values.demo ? [demoFile(), ...positionals] : positionals;
    if (!files.length) throw new UsageError("name at least one file, or --demo");
    for (const f of files) if (!fs.existsSync(f)) throw new Error(`${f}: file not found`);
    const corpus = (values.corpus as string | undefined) ?? (values.demo ? DEMO_CORPUS : baseName(files[0]!));
    const started = Date.now();
    let last = 0;
    const summary = await importFiles({
      corpus,
      files: files.map((p) => ({ path: p })),
      textField: values["text-field"] as string | undefined,
      tokenizer: values.tokenizer as string | undefined,
      maxParagraphTokens: maxParagraphTokens(values),
      license: (values.license as string | undefined) ?? (values.demo ? DEMO_LICENSE : undefined),
      onSkip: (s) => progress(`skipped ${s.file}:${s.line}: ${s.reason}`),
      // reported when the rows are committed; the search-index follow-up runs after, and says so
      buildIndexes: false,
      onProgress: (p) => {
        if (Date.now() - last < 1000 && p.bytesRead < p.bytesTotal) return;
        last = Date.now();
        progress(describe(p, started));
      },
    });
    // contamination is enforced at import: new documents are checked against the active eval sets (10-grams)
    const [decontamination] = await decontaminateAll({ corpusIds: [summary.corpusId] });
    progress(`imported ${summary.documents.imported} documents (${summary.documents.duplicates} duplicates, ` +
      `${summary.skippedTotal} lines skipped) into "${summary.corpus}": ${summary.segments} segments`);
    licenseNotice(summary.corpus, summary.license, summary.licenseSource);
    // the follow-up (issue 14): search already answers for the new rows (by a scan of them); this makes it fast
    const pending = await pendingSearchSegments();
    if (pending || (await indexesPending())) progress(`import: rows committed in ${summary.writeSeconds.toFixed(1)} s; indexing ${pending} new segments for search (search answers meanwhile)…`);
    const indexed = await catchUpSearchIndex();
    if (indexed.seconds) progress(`search index caught up in ${indexed.seconds.toFixed(1)} s`);
    return {
      corpus: summary.corpus,
      license: summary.license,
      documents: summary.documents,
      segments: summary.segments,
      contaminated: decontamination?.contaminatedTotal ?? 0,
      skipped: summary.skipped,
      ...(summary.skippedTotal > summary.skipped.length ? { skipped_total: summary.skippedTotal } : {}),
    };
  },
};

/**
 * `in2 import` against IN2_URL: files are streamed to the server (POST /api/uploads), imported there by a job
 * (POST /api/imports, or /api/imports/demo for the server's own demo corpus), and followed.
 */
importCommand.remote = async (remote, values, positionals) => {
  let jobId: number;
  if (values.demo) {
    if (positionals.length || values.corpus || values["text-field"] || values.tokenizer || values.license) {
      throw new UsageError("--demo imports the server's own demo corpus as it is: drop the files and other options");
    }
    ({ jobId } = await remote.post<{ jobId: number }>("/api/imports/demo"));
  } else {
    if (!positionals.length) throw new UsageError("name at least one file, or --demo");
    for (const f of positionals) if (!fs.existsSync(f)) throw new Error(`${f}: file not found`);
    const uploads = [];
    for (const f of positionals) {
      progress(`uploading ${f} to ${remote.url}…`);
      uploads.push(await remote.upload(f));
    }
    ({ jobId } = await remote.post<{ jobId: number }>("/api/imports", {
      corpus: (values.corpus as string | undefined) ?? baseName(positionals[0]!), uploads: uploads.map((u) => u.id),
      names: positionals.map((f) => path.basename(f)), textField: values["text-field"], tokenizer: values.tokenizer,
      maxParagraphTokens: maxParagraphTokens(values), license: values.license,
    }));
  }
  const job = await followRemoteJob(remote, jobId, (j) => `import #${j.id} ${j.status}: ${j.done}/${j.total} bytes${j.message ? ` — ${j.message}` : ""}`);
  assertSucceeded(job, { job_id: jobId, status: job.status, error: job.error });
  const r = job.result as { corpus: string; documents: { imported: number; duplicates: number }; segments: number; skipped: unknown[]; skippedTotal?: number; license?: string; licenseSource?: string };
  if (r.license !== undefined) licenseNotice(r.corpus, r.license, r.licenseSource ?? "corpus");
  return {
    corpus: r.corpus, license: r.license, documents: r.documents, segments: r.segments, skipped: r.skipped,
    ...(r.skippedTotal !== undefined && r.skippedTotal > r.skipped.length ? { skipped_total: r.skippedTotal } : {}),
  };
};

/** Where the licence came from, and when nobody said: how to set it, since a Hub dataset card states it. */
function licenseNotice(corpus: string, license: string, source: string) {
  if (license !== "unknown") {
    progress(`licence of "${corpus}": ${license}${source === "source" ? " (from the source's README.md)" : source === "corpus" ? " (kept from the corpus)" : ""}`);
    return;
  }
  progress(`notice: the licence of "${corpus}" is unknown, and a Hub export's dataset card will say so. ` +
    `Set it with: in2 license ${JSON.stringify(corpus)} ID   (e.g. odc-by for C4; or pass --license ID on import)`);
}

function maxParagraphTokens(values: Record<string, unknown>): number | undefined {
  const raw = values["max-paragraph-tokens"] as string | undefined;
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(n)) {
    throw new UsageError(`--max-paragraph-tokens takes a whole number of tokens (0 = never cut), not "${raw}"`);
  }
  return n;
}

function baseName(file: string): string {
  return path.basename(file).replace(/(\.gz)?$/, "").replace(/\.(jsonl|json|txt|text|md)$/, "");
}

function describe(p: ImportProgress, started: number): string {
  const secs = (Date.now() - started) / 1000;
  const pct = p.bytesTotal ? Math.min(100, (100 * p.bytesRead) / p.bytesTotal) : 0;
  const mbs = p.bytesRead / 1e6 / Math.max(secs, 0.001);
  return `import: ${pct.toFixed(1)}%  ${mbs.toFixed(2)} MB/s  ${p.imported} documents  ${p.segments} segments  ${p.duplicates} duplicates  ${p.skipped} skipped`;
}
