import crypto from "node:crypto";
import fs from "node:fs";
import { pool } from "@/lib/db/client";
import { wellFormed } from "@/lib/text/code-points";
import { corpusLicense, setCorpusLicense } from "@/lib/dataset/license";
import { ensureCorpus } from "./corpora";
import { detectLicense, normalizeLicense, UNKNOWN_LICENSE } from "./license";
import { decodeWebEntities } from "./entities";
import { expandInputs, readRecords } from "./records";
import { catchUpSearchIndex, ensureIndexes, maybeDeferIndexes, searchIndexMissing } from "./search-index";
import { startCutter } from "./segment-pool";
import { writeBatch, type Pending } from "./write-batch";

export interface ImportFile { path: string; name?: string }
export interface Skip { file: string; line: number; reason: string }
export interface ImportProgress { bytesRead: number; bytesTotal: number; imported: number; duplicates: number; segments: number; skipped: number }
export interface ImportOptions {
  corpus: string;
  files: ImportFile[];
  textField?: string;
  tokenizer?: string;
  /** paragraphs over this many tokens are cut at sentence boundaries (new corpora: default 256; 0 = never) */
  maxParagraphTokens?: number;
  /**
   * Run the search-index follow-up (`catchUpSearchIndex`: index the new segments, build what a big import
   * deferred) before returning (default). false leaves it to the caller, e.g. the "search-index" job, so the
   * import is reported as soon as its rows are committed; search is correct meanwhile (search-index.ts).
   */
  buildIndexes?: boolean;
  /** the source text's licence (Hub or SPDX id); when absent, a Hub folder's README.md may state it (license.ts) */
  license?: string;
  onProgress?: (p: ImportProgress) => void;
  /** told when the rows are all committed and the search-index follow-up starts (minutes for a GB) */
  onIndexBuild?: () => void;
  onSkip?: (s: Skip) => void;
  signal?: AbortSignal;
}
export interface ImportSummary {
  corpus: string;
  corpusId: number;
  tokenizer: string;
  documents: { imported: number; duplicates: number };
  segments: number;
  skipped: Skip[];
  /** all skipped lines; `skipped` keeps the first MAX_SKIPS_KEPT of them (every one is also passed to onSkip) */
  skippedTotal: number;
  /** the search-index follow-up run by importFiles itself (buildIndexes, default): seconds spent, 0 when left to the caller */
  searchIndexSeconds: number;
  /** seconds until every row was committed (the import proper; the follow-up is searchIndexSeconds) */
  writeSeconds: number;
  /** the corpus's licence after the import, and where it came from ("unknown": nobody said; the caller asks) */
  license: string;
  licenseSource: "option" | "source" | "corpus" | "unknown";
}

const BATCH_DOCS = Number(process.env.IN2_IMPORT_BATCH_DOCS ?? 400);
const BATCH_CHARS = Number(process.env.IN2_IMPORT_BATCH_CHARS ?? 2_000_000);
const MAX_SKIPS_KEPT = 10_000;
/** batches between reading and committed: one being cut by the segmentation thread, the others being written */
const IN_FLIGHT = Number(process.env.IN2_IMPORT_IN_FLIGHT ?? 3);

/**
 * Why PostgreSQL could not store a record, or null: a NUL character (U+0000) is refused in text and in jsonb, and
 * one such record would otherwise fail its whole batch. Lone surrogates need no check: they are written as U+FFFD.
 */
function unstorableReason(text: string, metaJson: string): string | null {
  if (text.includes("\0")) return "the text holds a NUL character (U+0000), which PostgreSQL cannot store; remove it and import the line again";
  // JSON.stringify writes U+0000 as \u0000; an even run of backslashes before it is an escaped backslash instead
  if (metaJson.includes("\\u0000") && /(?:^|[^\\])(?:\\\\)*\\u0000/.test(metaJson)) return "a metadata field holds a NUL character (U+0000), which PostgreSQL cannot store";
  return null;
}

/**
 * Streams files into a corpus: each document is de-duplicated by the sha256 of its text, cut into IN2
 * segments with the corpus tokenizer and written in set-based batches (one transaction per batch, so an
 * interrupted import keeps whole documents only and a re-run adds just what is missing).
 *
 * Three stages overlap (issue 14): this thread reads, parses and hashes; the segmentation thread
 * (segment-pool.ts) cuts; batches are written with COPY on their own connections while the next are cut.
 */
export async function importFiles(opts: ImportOptions): Promise<ImportSummary> {
  if (opts.license !== undefined) normalizeLicense(opts.license); // a bad id fails before anything is created
  const corpus = await ensureCorpus(opts.corpus, { tokenizer: opts.tokenizer, textField: opts.textField, maxParagraphTokens: opts.maxParagraphTokens });
  const license = await settleLicense(corpus.name, opts);
  const maxParagraphTokens = corpus.maxParagraphTokens ?? Infinity;
  const textField = opts.textField ?? corpus.textField;
  const files = await expandInputs(opts.files);
  const sizes = await Promise.all(files.map((f) => fs.promises.stat(f.path).then((s) => s.size, () => 0)));
  const bytesTotal = sizes.reduce((a, b) => a + b, 0);
  const summary: ImportSummary = {
    corpus: corpus.name, corpusId: corpus.id, tokenizer: corpus.tokenizer,
    documents: { imported: 0, duplicates: 0 }, segments: 0, skipped: [], skippedTotal: 0, searchIndexSeconds: 0, writeSeconds: 0, ...license,
  };
  let bytesBefore = 0;
  let bytesRead = 0;
  // every skipped line is counted and passed on; the first MAX_SKIPS_KEPT are kept in the summary
  const skip = (k: Skip) => {
    summary.skippedTotal++;
    if (summary.skipped.length < MAX_SKIPS_KEPT) summary.skipped.push(k);
    opts.onSkip?.(k);
  };
  const report = () => opts.onProgress?.({
    bytesRead, bytesTotal, imported: summary.documents.imported, duplicates: summary.documents.duplicates,
    segments: summary.segments, skipped: summary.skippedTotal,
  });

  // decided at the first batch with new documents, so re-importing a file the corpus already holds changes nothing
  // resolves to whether rows are written search-ready (the full-text index is away, its build will cover them)
  let deferred: Promise<boolean> | null = null;
  const t0 = performance.now();
  let finished = false;
  // started at the first batch with new documents: re-importing a file the corpus holds never starts the thread
  let cutter: ReturnType<typeof startCutter> | null = null;
  // Documents of batches started but not yet committed. Batches overlap, so a repeat in a later batch must not
  // race its first occurrence to the table: the first line always wins, as in a one-batch-at-a-time import
  // (same file → same stored rows, metadata and source line included).
  const inFlight = new Set<string>();
  try {
    for (const [i, file] of files.entries()) {
      const name = file.name;
      let batch: Pending[] = [];
      let batchChars = 0;
      const inflight: Promise<void>[] = [];
      const flush = async () => {
        if (!batch.length) return;
        const read = batch;
        batch = [];
        batchChars = 0;
        const b = read.filter((d) => !inFlight.has(d.sha));
        summary.documents.duplicates += read.length - b.length;
        for (const d of b) inFlight.add(d.sha);
        const step = (async () => {
          const fresh = await newDocuments(corpus.id, b);
          if (!fresh.length) {
            summary.documents.duplicates += b.length;
            return;
          }
          deferred ??= maybeDeferIndexes(bytesTotal).then(() => searchIndexMissing());
          cutter ??= startCutter(corpus.tokenizer, maxParagraphTokens, bytesTotal);
          const cut = await (await cutter).cut(fresh.map((d) => d.text));
          const r = await writeBatch(corpus.id, fresh, cut, await deferred);
          summary.documents.imported += r.imported;
          summary.documents.duplicates += b.length - r.imported;
          summary.segments += r.segments;
          report();
        })().finally(() => { for (const d of b) inFlight.delete(d.sha); });
        step.catch(() => {}); // handled where it is awaited; this only silences the "unhandled" warning
        inflight.push(step);
        if (inflight.length >= IN_FLIGHT) await inflight.shift();
      };
      try {
        for await (const rec of readRecords(file.path, textField, (b) => { bytesRead = bytesBefore + b; }, name)) {
          if (opts.signal?.aborted) break;
          if (rec.kind === "skip") {
            skip({ file: rec.file, line: rec.line, reason: rec.reason });
            continue;
          }
          rec.text = decodeWebEntities(rec.text, rec.file); // isn&apos;t → isn't in web corpora, before the content key (issue 17)
          let meta = JSON.stringify(rec.meta);
          // a lone surrogate in a metadata string (jsonb refuses its \ud800 escape) becomes U+FFFD, as in the text
          if (/\\ud[89a-f]/i.test(meta)) meta = JSON.stringify(rec.meta, (_k, v: unknown) => (typeof v === "string" ? wellFormed(v) : v));
          const unstorable = unstorableReason(rec.text, meta);
          if (unstorable) {
            skip({ file: rec.file, line: rec.line, reason: unstorable });
            continue;
          }
          const sha = crypto.createHash("sha256").update(rec.text).digest("hex");
          batch.push({ sha, text: rec.text, meta, file: rec.file, line: rec.line });
          batchChars += rec.text.length;
          if (batch.length >= BATCH_DOCS || batchChars >= BATCH_CHARS) await flush();
        }
        await flush();
      } finally {
        // every batch already started is committed (or has failed) before the import moves on or reports
        await Promise.allSettled(inflight);
      }
      await Promise.all(inflight);
      bytesBefore += sizes[i] ?? 0;
      bytesRead = bytesBefore;
      report();
      if (opts.signal?.aborted) break;
    }
    finished = true;
  } finally {
    if (cutter) await cutter.then((c) => c.close(), () => {});
    // the indexes come back even when the import fails (a no-op when they were never dropped)
    if (!finished) await ensureIndexes().catch(() => 0);
  }
  summary.writeSeconds = (performance.now() - t0) / 1000;
  if (opts.buildIndexes !== false && !opts.signal?.aborted) {
    opts.onIndexBuild?.();
    summary.searchIndexSeconds = (await catchUpSearchIndex({ signal: opts.signal })).seconds;
  }
  return summary;
}

/**
 * Sets the corpus's licence from the option, else from the source when the corpus has none yet; a licence the
 * corpus already has is kept unless the option says otherwise.
 */
async function settleLicense(corpus: string, opts: ImportOptions): Promise<Pick<ImportSummary, "license" | "licenseSource">> {
  if (opts.license !== undefined && opts.license.trim() !== "") {
    const id = normalizeLicense(opts.license);
    if (id !== UNKNOWN_LICENSE) return { license: (await setCorpusLicense(corpus, id)).license, licenseSource: "option" };
  }
  const current = (await corpusLicense(corpus)).license;
  if (current !== UNKNOWN_LICENSE) return { license: current, licenseSource: "corpus" };
  const found = await detectLicense(opts.files.map((f) => f.path));
  if (found) return { license: (await setCorpusLicense(corpus, found.license)).license, licenseSource: "source" };
  return { license: UNKNOWN_LICENSE, licenseSource: "unknown" };
}

/** The batch's documents the corpus does not have yet (repeats within the batch dropped). */
async function newDocuments(corpusId: number, batch: Pending[]): Promise<Pending[]> {
  const seen = new Set<string>();
  const unique = batch.filter((d) => (seen.has(d.sha) ? false : (seen.add(d.sha), true)));
  const { rows: existing } = await pool().query<{ sha256: string }>(
    `SELECT sha256 FROM document WHERE corpus_id = $1 AND sha256 = ANY($2::text[])`, [corpusId, unique.map((d) => d.sha)]);
  const known = new Set(existing.map((r) => r.sha256));
  return unique.filter((d) => !known.has(d.sha));
}
