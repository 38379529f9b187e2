import fs from "node:fs";
import path from "node:path";
import { manifestPathFor } from "@/lib/export/paths";
import { progress, UsageError, type Values } from "../command";
import { assertSucceeded } from "../errors";
import { followRemoteJob, remoteCorpusId, type Remote } from "../remote";
import { layoutFlags, list, num } from "./export-flags";

// the options this path forwards; a flag added to `in2 export` later is refused here until it is forwarded too
const KNOWN = new Set(["format", "status", "type", "seed", "out", "corpus", "min-tokens", "max-tokens", "short-ratio", "run", "tokenizer",
  "max-example-tokens", "verified", "compression-level", "layout", "split", "split-seed", "shard-mb", "shard-format", "license", "language"]);
const SHARD_NAME = /^[a-z][a-z0-9_]*-\d{5}-of-\d{5}\.(parquet|jsonl\.gz)$/;

interface ExportResult { exportId: number; rows: number; unassembled: number; bytes: number; sha256: string; seconds: number }

/**
 * `in2 export` against IN2_URL: the export runs on the server (POST /api/exports, the Export page's route), is
 * followed to the end, then its files stream down to the local --out through GET /api/exports/:id/download: the
 * JSON Lines file and its manifest, or (--layout hf) every file of the Hub folder. Every byte received is checked
 * against the server's sha256 (a folder's shards against its SHA256SUMS, SHA256SUMS against the export), and a
 * file that does not match is removed.
 */
export async function exportRemote(remote: Remote, v: Values): Promise<unknown> {
  if (v.mix !== undefined) throw new UsageError("--mix reads local files, so it runs only where the database is: run `in2 export --layout hf --mix …` on the server");
  const unknown = Object.keys(v).filter((k) => v[k] !== undefined && !KNOWN.has(k));
  if (unknown.length) throw new UsageError(`--${unknown.join(", --")} is not available against a remote server yet; run it on the server`);
  const { hf, out: outArg, dataset, promptCompletion } = layoutFlags(v);
  const out = path.resolve(outArg);
  const { jobId } = await remote.post<{ jobId: number }>("/api/exports", {
    format: promptCompletion ? "chat" : v.format, statuses: list(v.status), types: list(v.type), seed: v.seed, gzip: out.endsWith(".gz"),
    corpusId: await remoteCorpusId(remote, v.corpus),
    minTokens: num(v["min-tokens"]), maxTokens: num(v["max-tokens"]), shortRatio: num(v["short-ratio"]),
    runId: num(v.run), tokenizer: v.tokenizer, maxExampleTokens: num(v["max-example-tokens"]), verified: v.verified === true,
    compressionLevel: num(v["compression-level"]),
    ...(hf ? { layout: "hf", dataset: { ...dataset, promptCompletion } } : {}),
  });
  const job = await followRemoteJob(remote, jobId, (j) => {
    const c = j.counters as { rows?: number; bytes?: number };
    return `export #${j.id} ${j.status}: ${j.done}/${j.total} pairs scanned, ${c.rows ?? 0} rows, ${((c.bytes ?? 0) / 1e6).toFixed(1)} MB`;
  });
  assertSucceeded(job, { job_id: jobId, status: job.status, error: job.error });
  const r = job.result as ExportResult;
  if (hf) return { job_id: jobId, ...(await downloadFolder(remote, r, out)), format: promptCompletion ? "prompt_completion" : v.format ?? "film", layout: "hf" };
  progress(`downloading export ${r.exportId} (${(r.bytes / 1e6).toFixed(1)} MB) to ${out}…`);
  const started = Date.now();
  const got = await remote.download(`/api/exports/${r.exportId}/download`, out);
  if (got.sha256 !== r.sha256) {
    await fs.promises.rm(out, { force: true });
    throw new Error(`the download of export ${r.exportId} is corrupt (sha256 ${got.sha256}, the server has ${r.sha256}); removed ${out}`);
  }
  const manifest = manifestPathFor(out);
  await remote.download(`/api/exports/${r.exportId}/download`, manifest, { file: "manifest" });
  const secs = Math.max(0.001, (Date.now() - started) / 1000);
  progress(`downloaded ${got.bytes} bytes in ${secs.toFixed(1)} s (${(got.bytes / 1e6 / secs).toFixed(1)} MB/s), sha256 verified`);
  return {
    job_id: jobId, export_id: r.exportId, format: v.format, out, manifest, rows: r.rows, unassembled: r.unassembled,
    bytes: got.bytes, sha256: got.sha256, seconds: r.seconds, server: remote.url,
  };
}

/**
 * A Hub folder, file by file: SHA256SUMS first (it must hash to the export's sha256), then each shard it lists
 * (each must hash to its line), then the card, croissant.json and the manifest. Shards of an earlier export in
 * the same folder that this one does not list are removed, as a local export does.
 */
async function downloadFolder(remote: Remote, r: ExportResult, out: string) {
  const url = `/api/exports/${r.exportId}/download`;
  const started = Date.now();
  await fs.promises.mkdir(path.join(out, "data"), { recursive: true });
  const sumsFile = path.join(out, "SHA256SUMS");
  const sums = await remote.download(url, sumsFile, { path: "SHA256SUMS" });
  if (sums.sha256 !== r.sha256) {
    await fs.promises.rm(sumsFile, { force: true });
    throw new Error(`SHA256SUMS of export ${r.exportId} is corrupt (sha256 ${sums.sha256}, the server has ${r.sha256}); removed it`);
  }
  const listed = (await fs.promises.readFile(sumsFile, "utf8")).split("\n").filter(Boolean).map((l) => {
    const [sha256, name] = l.split("  ");
    return { sha256: sha256!, name: name! };
  });
  const keep = new Set(listed.map((f) => path.basename(f.name)));
  for (const f of await fs.promises.readdir(path.join(out, "data"))) {
    if (SHARD_NAME.test(f) && !keep.has(f)) await fs.promises.rm(path.join(out, "data", f));
  }
  let bytes = 0;
  for (const [i, f] of listed.entries()) {
    progress(`downloading ${f.name} (${i + 1} of ${listed.length})…`);
    const file = path.join(out, f.name);
    const got = await remote.download(url, file, { path: f.name });
    if (got.sha256 !== f.sha256) {
      await fs.promises.rm(file, { force: true });
      throw new Error(`${f.name} of export ${r.exportId} is corrupt (sha256 ${got.sha256}, SHA256SUMS says ${f.sha256}); removed it`);
    }
    bytes += got.bytes;
  }
  for (const name of ["manifest.json", "README.md", "croissant.json"]) await remote.download(url, path.join(out, name), { path: name });
  const secs = Math.max(0.001, (Date.now() - started) / 1000);
  progress(`downloaded ${listed.length} shard${listed.length === 1 ? "" : "s"}, ${bytes} bytes in ${secs.toFixed(1)} s, every sha256 verified`);
  return {
    export_id: r.exportId, out, manifest: path.join(out, "manifest.json"), shards: listed.map((f) => f.name), rows: r.rows,
    unassembled: r.unassembled, bytes, sha256: r.sha256, seconds: r.seconds, server: remote.url,
  };
}
