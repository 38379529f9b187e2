import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { pool } from "@/lib/db/client";
import { runCli } from "../support/cli";
import { useTestDatabase } from "../support/db";
import { readJsonl, seedExportData, type Seeded } from "./support";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "in2-export-cli-"));
const SMALL = ["--min-tokens", "1024", "--max-tokens", "4096"];
let url: string;
let seeded: Seeded;

beforeAll(async () => {
  url = await useTestDatabase();
  seeded = await seedExportData(12);
});

describe("in2 export", () => {
  it("runs an export job, prints progress on stderr and one JSON summary on stdout", async () => {
    const out = path.join(dir, "film.jsonl.gz");
    const r = await runCli(["export", "--format", "film", "--seed", "5", "--out", out, ...SMALL], { DATABASE_URL: url });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().split("\n")).toHaveLength(1);
    const accepted = seeded.ids.filter((id) => seeded.statusOf.get(id) === "accepted");
    const bytes = fs.readFileSync(out);
    expect(r.json).toMatchObject({ format: "film", out, manifest: path.join(dir, "film.manifest.json"), rows: accepted.length, left_out: {},
      bytes: bytes.length, sha256: crypto.createHash("sha256").update(bytes).digest("hex") });
    expect(r.stderr).toMatch(/export #\d+ succeeded: 6\/6 pairs scanned, 6 rows/);
    const { rows: keyed } = await pool().query<{ key: string }>(`SELECT key FROM pair WHERE id = ANY($1::int[])`, [accepted]);
    const keys = keyed.map((k) => k.key).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(readJsonl<{ meta: { pair_key: string } }>(out).map((l) => l.meta.pair_key)).toEqual(keys);
    const { rows } = await pool().query(`SELECT format::text, rows, sha256, path FROM export WHERE job_id = $1`, [(r.json as { job_id: number }).job_id]);
    expect(rows).toEqual([{ format: "film", rows: accepted.length, sha256: (r.json as { sha256: string }).sha256, path: out }]);
  });

  it("--compression-level 1 writes the same rows as the default level, and the manifest records the level", async () => {
    const out = path.join(dir, "film-l1.jsonl.gz");
    const r = await runCli(["export", "--format", "film", "--seed", "5", "--compression-level", "1", "--out", out, ...SMALL], { DATABASE_URL: url });
    expect(r.code, r.stderr).toBe(0);
    expect(zlib.gunzipSync(fs.readFileSync(out)).equals(zlib.gunzipSync(fs.readFileSync(path.join(dir, "film.jsonl.gz"))))).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(dir, "film-l1.manifest.json"), "utf8")).compression_level).toBe(1);
  });

  it("gives the same bytes on a second run and includes rejected pairs only with --status", async () => {
    const first = (await runCli(["export", "--format", "film", "--seed", "5", "--out", path.join(dir, "again.jsonl.gz"), ...SMALL], { DATABASE_URL: url })).json as { sha256: string };
    expect(first.sha256).toBe(crypto.createHash("sha256").update(fs.readFileSync(path.join(dir, "film.jsonl.gz"))).digest("hex"));
    const out = path.join(dir, "with-rejected.jsonl");
    const r = await runCli(["export", "--format", "raw", "--seed", "5", "--status", "accepted,rejected", "--out", out, ...SMALL], { DATABASE_URL: url });
    expect(r.code, r.stderr).toBe(0);
    const statuses = readJsonl<{ review: { status: string } }>(out).map((l) => l.review.status);
    expect(new Set(statuses)).toEqual(new Set(["accepted", "rejected"]));
  });

  it("refuses bad usage with exit code 2 and writes nothing", async () => {
    const badRun = await runCli(["export", "--format", "film", "--run", "0", "--out", path.join(dir, "x.jsonl")], { DATABASE_URL: url });
    expect(badRun.code).toBe(2);
    expect(badRun.stderr).toMatch(/runId/);
    const badFormat = await runCli(["export", "--format", "csv", "--seed", "1", "--out", path.join(dir, "x.jsonl")], { DATABASE_URL: url });
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toMatch(/format/);
    const badLevel = await runCli(["export", "--format", "film", "--seed", "1", "--compression-level", "0", "--out", path.join(dir, "x.jsonl.gz")], { DATABASE_URL: url });
    expect(badLevel.code).toBe(2);
    expect(badLevel.stderr).toMatch(/compressionLevel/);
    expect(fs.existsSync(path.join(dir, "x.jsonl.gz"))).toBe(false);
    const badOut = await runCli(["export", "--format", "raw", "--seed", "1", "--out", path.join(dir, "x.csv")], { DATABASE_URL: url });
    expect(badOut.code).toBe(2);
    expect(fs.existsSync(path.join(dir, "x.jsonl"))).toBe(false);
  });

  it("--run exports exactly that run's contexts with the run's recipe and seed, and refuses an option that disagrees", async () => {
    const assembled = await runCli(["assemble", "--wait", "--seed", "run-seed", "--status", "any", ...SMALL, "--short-ratio", "0.2"], { DATABASE_URL: url });
    expect(assembled.code, assembled.stderr).toBe(0);
    const { rows: [run] } = await pool().query<{ id: number; n: number }>(
      `SELECT r.id, count(c.id)::int AS n FROM assembly_run r JOIN context c ON c.run_id = r.id WHERE r.seed = 'run-seed' GROUP BY r.id`);
    const runsBefore = (await pool().query(`SELECT count(*)::int AS n FROM assembly_run`)).rows[0].n as number;
    const out = path.join(dir, "run.jsonl");
    const r = await runCli(["export", "--format", "raw", "--run", String(run!.id), "--status", "accepted,rejected,flagged,pending", "--out", out],
      { DATABASE_URL: url });
    expect(r.code, r.stderr).toBe(0);
    const rows = readJsonl<{ id: number; seed: string }>(out);
    expect(rows.length).toBe(run!.n);
    expect(new Set(rows.map((x) => x.seed))).toEqual(new Set(["run-seed"]));
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, "run.manifest.json"), "utf8")) as Record<string, any>;
    expect(manifest.recipe).toMatchObject({ seed: "run-seed", min_tokens: 1024, max_tokens: 4096, short_ratio: 0.2 });
    expect(manifest.runs).toEqual([{ id: run!.id, rows: run!.n }]);
    expect(manifest.parameters.run_id).toBe(run!.id);
    // nothing was assembled for it
    expect((await pool().query(`SELECT count(*)::int AS n FROM assembly_run`)).rows[0].n).toBe(runsBefore);
    const clash = await runCli(["export", "--format", "raw", "--run", String(run!.id), "--seed", "5", "--out", path.join(dir, "clash.jsonl")], { DATABASE_URL: url });
    expect(clash.code).not.toBe(0);
    expect(clash.stderr).toMatch(/assembled with seed run-seed, not 5/);
    expect(fs.existsSync(path.join(dir, "clash.jsonl"))).toBe(false);
  });
});
