import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EVAL_UPLOAD_PREFIX, registerEvalSet } from "@/lib/contexts/eval-sets";
import { deleteUpload, getUpload, saveUpload, uploadStream } from "@/lib/corpus/uploads";
import { pool } from "@/lib/db/client";
import { exportDownload } from "@/lib/export/download";
import { startExport } from "@/lib/export/start";
import { exportStore } from "@/lib/export/store";
import { resolveRequest } from "@/lib/generate/params";
import { getJob, type JobRow } from "@/lib/jobs/jobs";
import { enqueueJob, stopBoss } from "@/lib/jobs/queue";
import { startWorker as startLocalWorker } from "@/lib/jobs/worker";
import { useTestDatabase } from "../support/db";
import { until as waitFor, WorkerProcesses } from "../support/worker-process";

/**
 * Workers anywhere (issue 14): a worker with only DATABASE_URL, its own IN2_DATA_DIR and no access to the web
 * server's disk runs an uploaded import (the upload lives in PostgreSQL), a generation and an export to a shared
 * export store (IN2_EXPORT_DIR, mounted at another path on the worker), and the web side's download of that
 * export has the recorded sha256. An export bound to a store the worker does not have is left to others.
 */
let url: string;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "in2-anywhere-"));
const web = path.join(tmp, "web-data");
const workerData = path.join(tmp, "worker-data");
const shared = path.join(tmp, "shared-exports");
const workers = new WorkerProcesses();
let workerLog = "";
const saved = { data: process.env.IN2_DATA_DIR, exp: process.env.IN2_EXPORT_DIR };

beforeAll(async () => {
  url = await useTestDatabase();
  for (const d of [web, workerData, shared]) fs.mkdirSync(d, { recursive: true });
  // the worker sees the shared store at another path (a different mount point on another machine)
  fs.symlinkSync(shared, path.join(tmp, "worker-mount"));
  process.env.IN2_DATA_DIR = web;
});
afterAll(async () => {
  await workers.stopAll("SIGTERM");
  await stopBoss();
  process.env.IN2_DATA_DIR = saved.data;
  process.env.IN2_EXPORT_DIR = saved.exp;
  if (saved.data === undefined) delete process.env.IN2_DATA_DIR;
  if (saved.exp === undefined) delete process.env.IN2_EXPORT_DIR;
  fs.rmSync(tmp, { recursive: true, force: true });
});

// only what a worker on another machine would have: the database URL and its own directories
const startWorker = (env: Record<string, string>) => workers.start(url, { isolated: true, leaseSeconds: 30, env, onStderr: (d) => { workerLog += d; } });
const until = <T>(what: string, probe: () => Promise<T | undefined | false>) => waitFor(what, probe, 180_000, 200);

const finished = (id: number) => until(`job ${id}`, async () => {
  const j = await getJob(id);
  return ["succeeded", "failed", "cancelled"].includes(j.status) && j;
}) as Promise<JobRow>;

const body = (buf: Buffer, piece: number) => new ReadableStream<Uint8Array>({
  start(c) {
    for (let o = 0; o < buf.length; o += piece) c.enqueue(new Uint8Array(buf.subarray(o, o + piece)));
    c.close();
  },
});
const sha = (b: Buffer) => crypto.createHash("sha256").update(b).digest("hex");

describe("uploads in PostgreSQL", () => {
  it("stream in 1 MiB rows and read back byte for byte", async () => {
    const bytes = crypto.randomBytes(2.5 * 1024 * 1024 + 123);
    const u = await saveUpload("../big file.bin", body(bytes, 65_537));
    expect(u).toMatchObject({ name: "big_file.bin", bytes: bytes.length });
    const { rows } = await pool().query<{ n: number; sha256: string }>(
      `SELECT (SELECT count(*)::int FROM upload_chunk WHERE upload_id = $1) AS n, sha256 FROM upload WHERE id = $1`, [u.id]);
    expect(rows[0]).toEqual({ n: 3, sha256: sha(bytes) });
    const back: Buffer[] = [];
    for await (const c of uploadStream(u.id)) back.push(c as Buffer);
    expect(sha(Buffer.concat(back))).toBe(sha(bytes));
    await deleteUpload(u.id);
    await expect(getUpload(u.id)).rejects.toThrow(/does not exist/);
  });
});

describe("a worker on another machine", () => {
  it("imports an upload, generates and exports to the shared store; the download has the recorded sha256", async () => {
    const dir = path.join(process.cwd(), "data", "fixtures", "c4-gz");
    const jsonl = Buffer.concat(fs.readdirSync(dir).filter((f) => f.endsWith(".gz")).sort().map((f) => zlib.gunzipSync(fs.readFileSync(path.join(dir, f)))));
    const upload = await saveUpload("news.jsonl.gz", body(zlib.gzipSync(jsonl), 4096));
    // an eval set uploaded to the web server and registered there (as the assemble job does with `upload:<id>`):
    // its kept copy is on the web server's disk only, yet the worker's import decontaminates against it
    const quiz = Buffer.from(JSON.stringify({ question: "Quiz: a sentence no news article contains, surely not here?", answer: "yes" }) + "\n");
    const evalUpload = await saveUpload("quiz.jsonl", body(quiz, 100));
    const set = await registerEvalSet(`${EVAL_UPLOAD_PREFIX}${evalUpload.id}`);
    expect(set.added).toBe(true);
    const keptOnWeb = fs.readdirSync(path.join(web, "eval-sets"));
    expect(keptOnWeb).toHaveLength(1);
    // both processes share this machine's disk: remove the web server's copy, which a worker elsewhere cannot see
    fs.rmSync(path.join(web, "eval-sets"), { recursive: true });

    // the web server's side, as POST /api/imports does it
    const importId = await enqueueJob("import", { corpus: "anywhere", files: [{ upload: upload.id, name: upload.name }], deleteAfter: true });
    startWorker({ IN2_DATA_DIR: workerData, IN2_EXPORT_DIR: path.join(tmp, "worker-mount") });
    const imported = await finished(importId);
    expect(imported.error, workerLog).toBeNull();
    expect(imported.status).toBe("succeeded");
    const corpus = (imported.result as { corpusId: number; documents: { imported: number } });
    expect(corpus.documents.imported).toBeGreaterThan(20);
    // read from PostgreSQL, removed once imported; nothing left in either data dir
    // the uploads are gone (the eval set's too, once registered); what stays is the eval set's kept copy
    const { rows: kept } = await pool().query<{ id: string }>(`SELECT id FROM upload ORDER BY id`);
    expect(kept.map((r) => r.id)).toEqual([`eval-set-${set.sha256}`]);
    expect(fs.readdirSync(path.join(workerData, "uploads"))).toEqual([]);
    // the eval set was rebuilt from the database into the worker's own data dir, byte for byte
    const rebuilt = fs.readdirSync(path.join(workerData, "eval-sets"));
    expect(rebuilt).toEqual(keptOnWeb);
    expect(fs.readFileSync(path.join(workerData, "eval-sets", rebuilt[0]!))).toEqual(quiz);
    expect(fs.existsSync(path.join(web, "uploads"))).toBe(false);

    const gen = await finished(await enqueueJob("generate", resolveRequest({ type: "single", count: 6, corpusId: corpus.corpusId, seed: 2, provider: "offline" })));
    expect(gen.status).toBe("succeeded");

    // an export bound to the web server's own data dir: the worker does not have that store and leaves it
    delete process.env.IN2_EXPORT_DIR;
    const localOnly = await startExport({ format: "raw", statuses: ["pending"], minTokens: 1024, maxTokens: 2048, shortRatio: 0, gzip: false });
    // the same web server with the shared store configured
    process.env.IN2_EXPORT_DIR = shared;
    const exportJob = await startExport({ format: "raw", statuses: ["pending"], minTokens: 1024, maxTokens: 2048, shortRatio: 0, gzip: true });
    const done = await finished(exportJob);
    expect(done.error).toBeNull();
    const result = done.result as { exportId: number; sha256: string; rows: number; out: string };
    expect(result.rows).toBeGreaterThan(0);
    expect(result.out.startsWith(path.join(tmp, "worker-mount"))).toBe(true); // written by the worker, at its mount
    const { rows: jobRows } = await pool().query<{ id: number; store: string | null }>(`SELECT id, store FROM job WHERE id = ANY($1) ORDER BY id`, [[localOnly, exportJob]]);
    expect(jobRows[1]!.store).toBe(exportStore().id); // the shared store's id, the same seen from both sides

    const res = await exportDownload(result.exportId);
    const got: Buffer[] = [];
    for await (const c of res.body as unknown as AsyncIterable<Uint8Array>) got.push(Buffer.from(c));
    const bytes = Buffer.concat(got);
    expect(sha(bytes)).toBe(result.sha256);
    expect(sha(fs.readFileSync(path.join(shared, path.basename(result.out))))).toBe(result.sha256);
    expect(zlib.gunzipSync(bytes).toString("utf8").trim().split("\n")).toHaveLength(result.rows);

    // by now the worker has long been free: the web-only export is still queued, untouched
    const left = await getJob(localOnly);
    expect(left.status).toBe("queued");
    expect(jobRows[0]!.store).not.toBe(jobRows[1]!.store);
  }, 400_000);
});

// last: an in-process worker would take the jobs the tests above leave to the other machine
describe("the sweep", () => {
  it("a worker's sweep removes uploads whose request died midway, after a day; finished ones stay", async () => {
    await pool().query(`INSERT INTO upload (id, name, complete, created_at) VALUES
      ('old-partial', 'a', false, now() - interval '2 days'), ('new-partial', 'b', false, now()), ('old-done', 'c', true, now() - interval '2 days')`);
    await pool().query(`INSERT INTO upload_chunk (upload_id, seq, data) VALUES ('old-partial', 0, '\\x00')`);
    const w = await startLocalWorker({ concurrency: 1 });
    await w.stop();
    const { rows } = await pool().query<{ id: string }>(`SELECT id FROM upload ORDER BY id`);
    expect(rows.map((r) => r.id).filter((id) => !id.startsWith("eval-set-"))).toEqual(["new-partial", "old-done"]);
  });
});
