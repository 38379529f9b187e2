import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/auth/tokens";
import { createUser } from "@/lib/auth/users";
import { getCorpus } from "@/lib/corpus/corpora";
import { streamSegments } from "@/lib/corpus/segments";
import { pool } from "@/lib/db/client";
import { stopBoss } from "@/lib/jobs/queue";
import { startWorker, type Worker } from "@/lib/jobs/worker";
import { runCli } from "../support/cli";
import { useTestDatabase } from "../support/db";
import { startRouteServer, type RouteServer } from "./route-server";

/**
 * The whole journey from a machine that has no database, only IN2_URL and IN2_TOKEN: every step goes through the
 * REST API of a server started here (the app's own route handlers on an HTTP port, a worker running its jobs).
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "in2-remote-journey-"));
const unused = path.join(dir, "client-data-dir-must-stay-absent");
let dbUrl: string;
let server: RouteServer;
let worker: Worker;
let remote: Record<string, string>;
let asAdmin: Record<string, string>;

const SMALL = ["--min-tokens", "1024", "--max-tokens", "2048"];

beforeAll(async () => {
  dbUrl = await useTestDatabase();
  process.env.IN2_DATA_DIR = path.join(dir, "server-data");
  const curator = await createUser({ email: "journey@test.in2", role: "curator", password: "journey test password" });
  const { token } = await createApiToken(curator.id, "remote journey");
  const admin = await createUser({ email: "journey-admin@test.in2", role: "admin", password: "journey admin password" });
  server = await startRouteServer();
  worker = await startWorker({ concurrency: 2 });
  remote = { IN2_URL: server.url, IN2_TOKEN: token, DATABASE_URL: "", IN2_DATA_DIR: unused, OPENAI_API_KEY: "" };
  asAdmin = { ...remote, IN2_TOKEN: (await createApiToken(admin.id, "remote admin")).token };
  // 200 real C4 documents from the demo corpus, as a plain JSONL file on the client
  const lines = zlib.gunzipSync(fs.readFileSync(path.join(process.cwd(), "data", "demo", "c4-realnewslike-1000.jsonl.gz")))
    .toString("utf8").split("\n").slice(0, 200);
  fs.writeFileSync(path.join(dir, "news.jsonl"), `${lines.join("\n")}\nnot json\n`);
});

afterAll(async () => {
  await worker?.stop();
  await stopBoss();
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const sha256 = (file: string) => crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");

// each step spawns the CLI a few times; on a loaded 2-core machine one spawn can take 10 s
describe("the CLI against a remote server (IN2_URL + IN2_TOKEN only)", { timeout: 300_000 }, () => {
  let generateJob: number;
  // pairs made: the offline generator gives up (a failed item, with its reason) on a segment it cannot make a cloze from
  let made: number;

  it("imports a local file: uploaded, imported by the server's worker, bad lines reported", async () => {
    const r = await runCli(["import", path.join(dir, "news.jsonl"), "--corpus", "journey", "--tokenizer", "o200k_base"], remote);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json).toMatchObject({ corpus: "journey", documents: { imported: 200, duplicates: 0 }, skipped: [{ line: 201 }] });
    expect(r.stderr).toMatch(/uploading .*news\.jsonl to http:\/\/127\.0\.0\.1/);
  });

  it("generates offline with --wait, following the server's job to the end", async () => {
    const r = await runCli(["generate", "--type", "single", "--count", "6", "--corpus", "journey", "--seed", "1", "--provider", "offline", "--wait"], remote);
    expect(r.code, r.stderr).toBe(0);
    const out = r.json as { job_id: number; succeeded: number; failed: number };
    expect(out).toMatchObject({ status: "succeeded", requested: 6 });
    expect(out.succeeded + out.failed).toBe(6);
    expect(out.succeeded).toBeGreaterThan(2);
    expect(r.stderr).toMatch(/estimate: 6 items/);
    expect(r.stderr).toMatch(/generate #\d+ succeeded: 6\/6 done/);
    generateJob = out.job_id;
    made = out.succeeded;
  });

  it("verifies the generated pairs on the server (offline verifier) with --wait", async () => {
    const r = await runCli(["verify", "--job", String(generateJob), "--provider", "offline", "--wait"], remote);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json).toMatchObject({ status: "succeeded", requested: made, verified: made, failed: 0 });
    expect(r.stderr).toMatch(new RegExp(`estimate: ${made} pairs`));
  });

  it("streams pairs and segments byte for byte as the server's own database gives them", async () => {
    const there = await runCli(["pairs", "--status", "pending", "--jsonl"], remote);
    const here = await runCli(["pairs", "--status", "pending", "--jsonl"], { DATABASE_URL: dbUrl });
    expect(there.code, there.stderr).toBe(0);
    expect(here.code, here.stderr).toBe(0);
    expect(there.stdout).toBe(here.stdout);
    const pairs = there.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(pairs).toHaveLength(made);
    expect(pairs[0]).toMatchObject({ status: "pending", type: "single", provider: "offline", evidence: [expect.objectContaining({ piece: 1 })] });

    const segments = await runCli(["segments", "--corpus", "journey", "--min-tokens", "200", "--jsonl"], remote);
    expect(segments.code, segments.stderr).toBe(0);
    let expected = "";
    for await (const seg of streamSegments({ corpusId: (await getCorpus("journey")).id, minTokens: 200 })) expected += `${JSON.stringify(seg)}\n`;
    expect(expected.length).toBeGreaterThan(1000);
    expect(segments.stdout).toBe(expected);
  });

  it("assembles contexts with --wait", async () => {
    const r = await runCli(["assemble", "--status", "pending", ...SMALL, "--seed", "3", "--wait"], remote);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json).toMatchObject({ status: "succeeded", requested: made, assembled: made });
    expect(r.stderr).toMatch(new RegExp(`assemble #\\d+ succeeded: ${made}/${made} contexts`));
  });

  it("exports on the server and downloads the file and manifest to the local --out, checksum verified", async () => {
    const out = path.join(dir, "out", "train.jsonl.gz");
    fs.mkdirSync(path.dirname(out));
    const r = await runCli(["export", "--format", "film", "--status", "pending", "--seed", "3", "--out", out, ...SMALL], remote);
    expect(r.code, r.stderr).toBe(0);
    const json = r.json as { export_id: number; rows: number; sha256: string; bytes: number; manifest: string };
    expect(json).toMatchObject({ format: "film", out, rows: made, bytes: fs.statSync(out).size, sha256: sha256(out) });
    const { rows } = await pool().query<{ sha256: string; path: string }>(`SELECT sha256, path FROM export WHERE id = $1`, [json.export_id]);
    expect(rows[0]!.sha256).toBe(json.sha256);
    expect(fs.readFileSync(out)).toEqual(fs.readFileSync(rows[0]!.path));
    const lines = zlib.gunzipSync(fs.readFileSync(out)).toString("utf8").trim().split("\n");
    expect(lines).toHaveLength(made);
    expect(JSON.parse(fs.readFileSync(json.manifest, "utf8"))).toMatchObject({ rows: made });
    expect(server.requests).toContain(`GET /api/exports/${json.export_id}/download`);
    expect(fs.readdirSync(path.dirname(out)).sort()).toEqual(["train.jsonl.gz", "train.manifest.json"]);
  });

  it("builds a probe set on the server and downloads it, identical to the server's own export", async () => {
    const there = path.join(dir, "probe-remote.jsonl");
    const built = await runCli(["probe", "build", "--style", "code", "--tokens", "1024", "--sets", "1", "--seed", "5", "--positions", "6", "--out", there], remote);
    expect(built.code, built.stderr).toBe(0);
    const summary = built.json as { set: number; examples: number; written: number };
    expect(summary.written).toBe(summary.examples);
    expect(summary.examples).toBeGreaterThan(0);
    const here = path.join(dir, "probe-local.jsonl");
    const local = await runCli(["probe", "export", "--set", String(summary.set), "--out", here], { DATABASE_URL: dbUrl });
    expect(local.code, local.stderr).toBe(0);
    expect(fs.readFileSync(there, "utf8")).toBe(fs.readFileSync(here, "utf8"));
    const list = await runCli(["probe", "list"], remote);
    expect((list.json as { sets: { set: number }[] }).sets.map((x) => x.set)).toEqual([summary.set]);
  });

  it("lists, shows and reads the logs of the server's jobs", async () => {
    const list = await runCli(["jobs", "list", "--kind", "generate"], remote);
    expect(list.code, list.stderr).toBe(0);
    expect((list.json as { jobs: { id: number; kind: string; status: string }[] }).jobs).toEqual([
      expect.objectContaining({ id: generateJob, kind: "generate", status: "succeeded", done: 6, total: 6 }),
    ]);
    const kinds = (await runCli(["jobs", "list", "--status", "succeeded"], remote)).json as { jobs: { kind: string }[] };
    // the import job enqueues its search-index follow-up (issue 14), which the worker runs before the later jobs
    expect(kinds.jobs.map((j) => j.kind)).toEqual(["export", "assemble", "verify", "generate", "search-index", "import"]);
    const show = await runCli(["jobs", "show", String(generateJob)], remote);
    expect(show.json).toMatchObject({ id: generateJob, kind: "generate", status: "succeeded", total: 6, done: 6 });
    const wait = await runCli(["jobs", "wait", String(generateJob)], remote);
    expect(wait.code).toBe(0);
    const logs = await runCli(["jobs", "logs", String(generateJob)], remote);
    expect(logs.code, logs.stderr).toBe(0);
    expect((logs.json as { events: { status: string }[] }).events.map((e) => e.status)).toEqual(["queued", "running", "succeeded"]);
    expect(logs.json).toMatchObject({ failed_items_more: false });
    expect((logs.json as { failed_items: { error: string }[] }).failed_items).toHaveLength(6 - made);
  });

  it("manages accounts and endpoints with an admin's token, and a curator's token is refused", async () => {
    const added = await runCli(["user", "add", "--email", "ada@lab.test", "--role", "reviewer"], asAdmin, "a long enough password\n");
    expect(added.code, added.stderr).toBe(0);
    expect(added.json).toMatchObject({ user: { email: "ada@lab.test", role: "reviewer" } });
    const promoted = await runCli(["user", "set-role", "--email", "ada@lab.test", "--role", "curator"], asAdmin);
    expect(promoted.json).toMatchObject({ user: { email: "ada@lab.test", role: "curator" } });
    const { rows } = await pool().query<{ actor: string | null }>(
      `SELECT actor_email AS actor FROM audit_event WHERE target = 'ada@lab.test' ORDER BY id`);
    expect(rows.map((r) => r.actor)).toEqual(["journey-admin@test.in2", "journey-admin@test.in2"]);
    const endpoint = await runCli(["endpoint", "add", "--name", "local-vllm", "--base-url", "http://127.0.0.1:9/v1", "--model", "m", "--allow-private"], asAdmin);
    expect(endpoint.code, endpoint.stderr).toBe(0);
    const listed = await runCli(["endpoint", "list"], remote);
    expect((listed.json as { endpoints: { name: string }[] }).endpoints.map((e) => e.name)).toEqual(["local-vllm"]);
    const refused = await runCli(["user", "list"], remote);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/answered 403: this needs the admin role; you are curator/);
    const prune = await runCli(["user", "prune"], asAdmin);
    expect(prune.code).toBe(2);
    expect(prune.stderr).toMatch(/prune cleans the server's database directly and has no API route/);
  });

  it("refuses what cannot work remotely with the reason, and never touched a local database", async () => {
    const w = await runCli(["worker"], remote);
    expect(w.code).toBe(2);
    expect(w.stderr).toMatch(/not available against a remote server \(IN2_URL\): a worker claims jobs straight from the server's PostgreSQL/);
    const bad = await runCli(["jobs", "list", "--status", "finished"], remote);
    expect(bad.code).toBe(2);
    const missing = await runCli(["jobs", "show", "99999"], remote);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/answered 404: job 99999 does not exist/);
    expect(fs.existsSync(unused)).toBe(false);
  });

  it("exports a Hub folder on the server and downloads every file of it, each sha256 checked", async () => {
    const out = path.join(dir, "hub");
    const r = await runCli(["export", "--layout", "hf", "--format", "film", "--status", "pending", "--seed", "3", "--out", out,
      "--split", "train=0.5,validation=0.5", "--split-seed", "2", "--shard-format", "jsonl", ...SMALL], remote);
    expect(r.code, r.stderr).toBe(0);
    const json = r.json as { export_id: number; shards: string[]; rows: number; layout: string; sha256: string };
    expect(json).toMatchObject({ layout: "hf", rows: made, out });
    const { rows } = await pool().query<{ path: string; sha256: string }>(`SELECT path, sha256 FROM export WHERE id = $1`, [json.export_id]);
    const serverDir = rows[0]!.path;
    // the same files as the server's folder, byte for byte
    const files = (d: string): string[] => fs.readdirSync(d, { recursive: true, encoding: "utf8" }).filter((f) => fs.statSync(path.join(d, f)).isFile()).sort();
    expect(files(out)).toEqual(files(serverDir));
    for (const f of files(out)) expect(sha256(path.join(out, f)), f).toBe(sha256(path.join(serverDir, f)));
    expect(json.shards.length).toBeGreaterThan(0);
    expect(json.shards.every((f) => /^data\/(train|validation)-\d{5}-of-\d{5}\.jsonl\.gz$/.test(f))).toBe(true);
    expect(crypto.createHash("sha256").update(fs.readFileSync(path.join(out, "SHA256SUMS"))).digest("hex")).toBe(rows[0]!.sha256);
    // SHA256SUMS, each shard, then the manifest, the card and croissant.json: one request each
    expect(server.requests.filter((q) => q === `GET /api/exports/${json.export_id}/download`)).toHaveLength(json.shards.length + 4);

    // a stale shard of an earlier export in that folder is removed, as a local export would
    fs.writeFileSync(path.join(out, "data", "train-00007-of-00009.jsonl.gz"), "stale");
    const again = await runCli(["export", "--layout", "hf", "--format", "film", "--status", "pending", "--seed", "3", "--out", out,
      "--split", "train=0.5,validation=0.5", "--split-seed", "2", "--shard-format", "jsonl", ...SMALL], remote);
    expect(again.code, again.stderr).toBe(0);
    expect(fs.existsSync(path.join(out, "data", "train-00007-of-00009.jsonl.gz"))).toBe(false);

    const mix = await runCli(["export", "--layout", "hf", "--out", path.join(dir, "hub2"), "--mix", `general=${path.join(dir, "news.jsonl")}`], remote);
    expect(mix.code).toBe(2);
    expect(mix.stderr).toMatch(/--mix reads local files, so it runs only where the database is/);
  });
});
