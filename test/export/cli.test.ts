import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
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
    expect(r.json).toMatchObject({ format: "film", out, manifest: path.join(dir, "film.manifest.json"), rows: accepted.length, unassembled: 0,
      bytes: bytes.length, sha256: crypto.createHash("sha256").update(bytes).digest("hex") });
    expect(r.stderr).toMatch(/export #\d+ succeeded: 6\/6 pairs scanned, 6 rows/);
    expect(readJsonl<{ meta: { pair_id: number } }>(out).map((l) => l.meta.pair_id)).toEqual(accepted);
    const { rows } = await pool().query(`SELECT format::text, rows, sha256, path FROM export WHERE job_id = $1`, [(r.json as { job_id: number }).job_id]);
    expect(rows).toEqual([{ format: "film", rows: accepted.length, sha256: (r.json as { sha256: string }).sha256, path: out }]);
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
    const noSeed = await runCli(["export", "--format", "film", "--out", path.join(dir, "x.jsonl")], { DATABASE_URL: url });
    expect(noSeed.code).toBe(2);
    expect(noSeed.stderr).toMatch(/--seed/);
    const badFormat = await runCli(["export", "--format", "csv", "--seed", "1", "--out", path.join(dir, "x.jsonl")], { DATABASE_URL: url });
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toMatch(/format/);
    const badOut = await runCli(["export", "--format", "raw", "--seed", "1", "--out", path.join(dir, "x.csv")], { DATABASE_URL: url });
    expect(badOut.code).toBe(2);
    expect(fs.existsSync(path.join(dir, "x.jsonl"))).toBe(false);
  });
});
