import crypto from "node:crypto";
import fs from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { PoolClient } from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { pool } from "@/lib/db/client";
import { codePointLength } from "@/lib/text/code-points";
import { DEFAULT_MIN_TOKENS, segmentDocument, type SegmentPiece } from "@/lib/segment/segment";
import { getTokenizer, type Tokenizer } from "@/lib/tokenize";
import { ensureCorpus } from "./corpora";
import { decodeWebEntities } from "./entities";
import { expandInputs, readRecords } from "./records";
import { ensureSearchIndex, maybeDeferSearchIndex } from "./search-index";

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
  onProgress?: (p: ImportProgress) => void;
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
  /** a big import builds the segment full-text index after writing (lib/corpus/search-index.ts): seconds spent */
  searchIndexSeconds: number;
}

const BATCH_DOCS = 400;
const BATCH_CHARS = 2_000_000;
const MAX_SKIPS_KEPT = 10_000;
const WRITERS = 2;

interface Pending { sha: string; text: string; meta: Record<string, unknown>; file: string; line: number }

/**
 * Streams files into a corpus: each document is de-duplicated by the sha256 of its text, cut into IN2
 * segments with the corpus tokenizer and written in set-based batches (one transaction per batch, so an
 * interrupted import keeps whole documents only and a re-run adds just what is missing).
 */
export async function importFiles(opts: ImportOptions): Promise<ImportSummary> {
  const corpus = await ensureCorpus(opts.corpus, { tokenizer: opts.tokenizer, textField: opts.textField, maxParagraphTokens: opts.maxParagraphTokens });
  const maxParagraphTokens = corpus.maxParagraphTokens ?? Infinity;
  const tokenizer = await getTokenizer(corpus.tokenizer);
  const textField = opts.textField ?? corpus.textField;
  const files = await expandInputs(opts.files);
  const sizes = await Promise.all(files.map((f) => fs.promises.stat(f.path).then((s) => s.size, () => 0)));
  const bytesTotal = sizes.reduce((a, b) => a + b, 0);
  const summary: ImportSummary = {
    corpus: corpus.name, corpusId: corpus.id, tokenizer: corpus.tokenizer,
    documents: { imported: 0, duplicates: 0 }, segments: 0, skipped: [], skippedTotal: 0, searchIndexSeconds: 0,
  };
  let bytesBefore = 0;
  let bytesRead = 0;
  const report = () => opts.onProgress?.({
    bytesRead, bytesTotal, imported: summary.documents.imported, duplicates: summary.documents.duplicates,
    segments: summary.segments, skipped: summary.skippedTotal,
  });

  // decided at the first batch with new documents, so re-importing a file the corpus already holds changes nothing
  let deferDecided = false;
  let finished = false;
  try {
    for (const [i, file] of files.entries()) {
      const name = file.name;
      let batch: Pending[] = [];
      let batchChars = 0;
      // Batches are written while the next ones are read and segmented, on up to WRITERS connections, so the
      // tokenizer and PostgreSQL (one core per connection) work at the same time.
      const inflight: Promise<void>[] = [];
      const flush = async () => {
        if (!batch.length) return;
        const b = batch;
        batch = [];
        batchChars = 0;
        const prepared = await prepareBatch(corpus.id, b, tokenizer, maxParagraphTokens);
        if (!deferDecided && prepared.length) {
          deferDecided = true;
          await maybeDeferSearchIndex(bytesTotal);
        }
        if (inflight.length >= WRITERS) await inflight.shift();
        const write = writeBatch(corpus.id, prepared).then((r) => {
          summary.documents.imported += r.imported;
          summary.documents.duplicates += b.length - r.imported;
          summary.segments += r.segments;
          report();
        });
        write.catch(() => {}); // handled where it is awaited; this only silences the "unhandled" warning
        inflight.push(write);
      };
      for await (const rec of readRecords(file.path, textField, (b) => { bytesRead = bytesBefore + b; }, name)) {
        if (opts.signal?.aborted) break;
        if (rec.kind === "skip") {
          const s = { file: rec.file, line: rec.line, reason: rec.reason };
          summary.skippedTotal++;
          if (summary.skipped.length < MAX_SKIPS_KEPT) summary.skipped.push(s);
          opts.onSkip?.(s);
          continue;
        }
        rec.text = decodeWebEntities(rec.text, rec.file); // isn&apos;t → isn't in web corpora, before the content key (issue 17)
        const sha = crypto.createHash("sha256").update(rec.text).digest("hex");
        batch.push({ sha, text: rec.text, meta: rec.meta, file: rec.file, line: rec.line });
        batchChars += rec.text.length;
        if (batch.length >= BATCH_DOCS || batchChars >= BATCH_CHARS) await flush();
      }
      await flush();
      await Promise.all(inflight);
      bytesBefore += sizes[i] ?? 0;
      bytesRead = bytesBefore;
      report();
      if (opts.signal?.aborted) break;
    }
    finished = true;
  } finally {
    // the index comes back even when the import fails (a no-op when it was never dropped)
    if (!finished) await ensureSearchIndex().catch(() => 0);
  }
  summary.searchIndexSeconds = await ensureSearchIndex();
  return summary;
}

type Prepared = { doc: Pending; segments: SegmentPiece[]; tokens: number }[];

/** Drops documents the corpus already has (and repeats within the batch), then segments the rest. */
async function prepareBatch(corpusId: number, batch: Pending[], tokenizer: Tokenizer, maxParagraphTokens: number): Promise<Prepared> {
  const seen = new Set<string>();
  const unique = batch.filter((d) => (seen.has(d.sha) ? false : (seen.add(d.sha), true)));
  const { rows: existing } = await pool().query<{ sha256: string }>(
    `SELECT sha256 FROM document WHERE corpus_id = $1 AND sha256 = ANY($2::text[])`, [corpusId, unique.map((d) => d.sha)]);
  const known = new Set(existing.map((r) => r.sha256));
  return unique.filter((d) => !known.has(d.sha))
    .map((d) => ({ doc: d, segments: segmentDocument(d.text, tokenizer, DEFAULT_MIN_TOKENS, maxParagraphTokens), tokens: tokenizer.count(d.text) }));
}

/** COPY text format: one field, with backslash, tab, newline and carriage return escaped. */
const copyField = (v: string | number) => typeof v === "number" ? String(v) : v.replace(/[\\\t\n\r]/g, (c) => COPY_ESC[c]!);
const COPY_ESC: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

/**
 * Writes a batch with COPY (issue 14 lever: no parameter arrays to bind and unnest): document ids are drawn from
 * the sequence first so segments can name them, and segment key hashes are computed by PostgreSQL's own
 * hashtextextended in one small query. Documents were checked against the corpus in prepareBatch; if another
 * import wrote one of them since (a unique violation), the batch is written again through INSERT … ON CONFLICT.
 */
async function writeBatch(corpusId: number, cut: Prepared) {
  if (!cut.length) return { imported: 0, segments: 0 };
  const client = await pool().connect();
  try {
    await client.query("BEGIN");
    const { rows: ids } = await client.query<{ id: string }>(
      `SELECT nextval(pg_get_serial_sequence('document', 'id')) AS id FROM generate_series(1, $1)`, [cut.length]);
    const keys: string[] = [];
    for (const c of cut) for (const s of c.segments) keys.push(`${c.doc.sha}:${s.index}`);
    const { rows: hashes } = await client.query<{ h: string }>(
      `SELECT hashtextextended(k, 0)::text AS h FROM unnest($1::text[]) WITH ORDINALITY AS u(k, o) ORDER BY o`, [keys]);
    let docs = "";
    let segs = "";
    let tokenSum = 0;
    let k = 0;
    for (const [i, c] of cut.entries()) {
      const id = ids[i]!.id;
      tokenSum += c.tokens;
      docs += `${id}\t${corpusId}\t${c.doc.sha}\t${copyField(c.doc.text)}\t${copyField(JSON.stringify(c.doc.meta))}\t${codePointLength(c.doc.text)}\t${c.tokens}\t${c.segments.length}\t${copyField(c.doc.file)}\t${c.doc.line}\n`;
      for (const s of c.segments) {
        segs += `${id}\t${corpusId}\t${s.index}\t${copyField(s.text)}\t${s.tokenCount}\t${s.charStart}\t${s.charEnd}\t${copyField(s.sepBefore)}\t${hashes[k++]!.h}\n`;
      }
    }
    await copyIn(client, `COPY document (id, corpus_id, sha256, text, meta, char_count, token_count, segment_count, source_file, source_line) FROM STDIN`, docs);
    if (segs) await copyIn(client, `COPY segment (document_id, corpus_id, index, text, token_count, char_start, char_end, sep_before, key_hash) FROM STDIN`, segs);
    await client.query(
      `UPDATE corpus SET document_count = document_count + $2, segment_count = segment_count + $3, token_count = token_count + $4 WHERE id = $1`,
      [corpusId, cut.length, keys.length, tokenSum]);
    await client.query("COMMIT");
    return { imported: cut.length, segments: keys.length };
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    if ((err as { code?: string }).code === "23505") return writeBatchInsert(corpusId, cut);
    throw err;
  } finally {
    client.release();
  }
}

async function copyIn(client: PoolClient, sql: string, data: string) {
  await pipeline(Readable.from([data]), client.query(copyFrom(sql)));
}

/** The INSERT … ON CONFLICT path: tolerates documents written concurrently by another import. */
async function writeBatchInsert(corpusId: number, cut: Prepared) {
  if (!cut.length) return { imported: 0, segments: 0 };

  const client = await pool().connect();
  try {
    await client.query("BEGIN");
    const { rows: inserted } = await client.query<{ id: number; sha256: string }>(
      `INSERT INTO document (corpus_id, sha256, text, meta, char_count, token_count, segment_count, source_file, source_line)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::jsonb[], $5::int[], $6::int[], $7::int[], $8::text[], $9::int[])
       ON CONFLICT (corpus_id, sha256) DO NOTHING RETURNING id, sha256`,
      [corpusId, cut.map((c) => c.doc.sha), cut.map((c) => c.doc.text), cut.map((c) => JSON.stringify(c.doc.meta)),
        cut.map((c) => codePointLength(c.doc.text)), cut.map((c) => c.tokens), cut.map((c) => c.segments.length),
        cut.map((c) => c.doc.file), cut.map((c) => c.doc.line)]);
    const idBySha = new Map(inserted.map((r) => [r.sha256, r.id]));
    const seg = { doc: [] as number[], index: [] as number[], text: [] as string[], tokens: [] as number[], start: [] as number[], end: [] as number[], sep: [] as string[] };
    let tokenSum = 0;
    for (const c of cut) {
      const id = idBySha.get(c.doc.sha);
      if (id === undefined) continue; // inserted concurrently by another importer
      tokenSum += c.tokens;
      for (const s of c.segments) {
        seg.doc.push(id); seg.index.push(s.index); seg.text.push(s.text); seg.tokens.push(s.tokenCount);
        seg.start.push(s.charStart); seg.end.push(s.charEnd); seg.sep.push(s.sepBefore);
      }
    }
    if (seg.doc.length) {
      await client.query(
        `INSERT INTO segment (document_id, corpus_id, index, text, token_count, char_start, char_end, sep_before, key_hash)
         SELECT d, $1, i, t, n, s, e, p, hashtextextended((SELECT sha256 FROM document WHERE id = d) || ':' || i, 0)
         FROM unnest($2::int[], $3::int[], $4::text[], $5::int[], $6::int[], $7::int[], $8::text[]) AS u(d, i, t, n, s, e, p)`,
        [corpusId, seg.doc, seg.index, seg.text, seg.tokens, seg.start, seg.end, seg.sep]);
    }
    await client.query(
      `UPDATE corpus SET document_count = document_count + $2, segment_count = segment_count + $3, token_count = token_count + $4 WHERE id = $1`,
      [corpusId, inserted.length, seg.doc.length, tokenSum]);
    await client.query("COMMIT");
    return { imported: inserted.length, segments: seg.doc.length };
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
