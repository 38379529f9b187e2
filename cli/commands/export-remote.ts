import fs from "node:fs";
import path from "node:path";
import { manifestPathFor } from "@/lib/export/paths";
import { progress, UsageError, type Values } from "../command";
import { assertSucceeded } from "../errors";
import { followRemoteJob, remoteCorpusId, type Remote } from "../remote";

// the options this path forwards; a flag added to `in2 export` later is refused here until it is forwarded too
const KNOWN = new Set(["format", "status", "type", "seed", "out", "corpus", "min-tokens", "max-tokens", "short-ratio", "run", "tokenizer",
  "max-example-tokens", "verified", "compression-level"]);
const list = (v: unknown) => (typeof v === "string" ? v.split(",").map((s) => s.trim()).filter(Boolean) : undefined);
const num = (v: unknown) => (v === undefined ? undefined : Number(v));

interface ExportResult { exportId: number; rows: number; unassembled: number; bytes: number; sha256: string; seconds: number }

/**
 * `in2 export` against IN2_URL: the export runs on the server (POST /api/exports, the Export page's route), is
 * followed to the end, then the file and its manifest stream down to the local --out through
 * GET /api/exports/:id/download. The sha256 of the bytes received must equal the server's, or the file is removed.
 */
export async function exportRemote(remote: Remote, v: Values): Promise<unknown> {
  const unknown = Object.keys(v).filter((k) => v[k] !== undefined && !KNOWN.has(k));
  if (unknown.length) throw new UsageError(`--${unknown.join(", --")} is not available against a remote server yet; run it on the server`);
  if (typeof v.out !== "string") throw new UsageError("say where to write: --out PATH.jsonl or PATH.jsonl.gz");
  if (!/\.jsonl(\.gz)?$/.test(v.out)) throw new UsageError("--out must end in .jsonl or .jsonl.gz");
  const out = path.resolve(v.out);
  const { jobId } = await remote.post<{ jobId: number }>("/api/exports", {
    format: v.format, statuses: list(v.status), types: list(v.type), seed: v.seed, gzip: out.endsWith(".gz"),
    corpusId: await remoteCorpusId(remote, v.corpus),
    minTokens: num(v["min-tokens"]), maxTokens: num(v["max-tokens"]), shortRatio: num(v["short-ratio"]),
    runId: num(v.run), tokenizer: v.tokenizer, maxExampleTokens: num(v["max-example-tokens"]), verified: v.verified === true,
    compressionLevel: num(v["compression-level"]),
  });
  const job = await followRemoteJob(remote, jobId, (j) => {
    const c = j.counters as { rows?: number; bytes?: number };
    return `export #${j.id} ${j.status}: ${j.done}/${j.total} pairs scanned, ${c.rows ?? 0} rows, ${((c.bytes ?? 0) / 1e6).toFixed(1)} MB`;
  });
  assertSucceeded(job, { job_id: jobId, status: job.status, error: job.error });
  const r = job.result as ExportResult;
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
