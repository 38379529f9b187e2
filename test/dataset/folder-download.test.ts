import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/api/errors";
import { folderMemberDownload, folderTarDownload, tarHeader } from "@/lib/dataset/folder-download";
import { datasetOptions } from "@/lib/dataset/params";
import { runDatasetExport } from "@/lib/dataset/run";
import { appContextStore } from "@/lib/export/contexts-adapter";
import type { ExportRow } from "@/lib/export/exports";
import { exportOptions } from "@/lib/export/params";
import { useTestDatabase } from "../support/db";
import { seedExportData } from "../export/support";

/** A Hub folder downloads as one tar that GNU tar reads, or file by file; only the files the export wrote. */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "in2-folder-download-"));
const sha256 = (b: Buffer) => crypto.createHash("sha256").update(b).digest("hex");
let row: ExportRow;

beforeAll(async () => {
  await useTestDatabase();
  await seedExportData(12);
  const options = exportOptions.parse({ format: "film", seed: "2", minTokens: 1024, maxTokens: 2048, statuses: ["accepted", "pending", "flagged"], layout: "hf" });
  const r = await runDatasetExport({ options, out: path.join(dir, "hub"), store: appContextStore, batchSize: 5,
    dataset: datasetOptions.parse({ splits: { train: 0.5, validation: 0.5 }, splitSeed: "1", shardFormat: "jsonl" }) });
  row = { id: 41, jobId: null, format: "film", params: options, path: r.out, manifestPath: r.manifestPath, bytes: r.bytes, sha256: r.sha256,
    rows: r.rows, createdAt: "2026-12-01T06:00:00.000Z" };
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("Hub folder downloads", () => {
  it("streams the folder as a tar that GNU tar extracts to the same files, with a length known up front", async () => {
    const res = await folderTarDownload(row);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(res.headers.get("content-type")).toBe("application/x-tar");
    expect(Number(res.headers.get("content-length"))).toBe(bytes.length);
    expect(res.headers.get("content-disposition")).toContain(`in2-export-41.tar`);
    const tarFile = path.join(dir, "hub.tar");
    fs.writeFileSync(tarFile, bytes);
    const listing = execFileSync("tar", ["-tvf", tarFile], { encoding: "utf8" }).trim().split("\n");
    const names = listing.map((l) => l.split(/\s+/).pop());
    const shards = fs.readdirSync(path.join(row.path, "data")).sort().map((f) => `in2-export-41/data/${f}`);
    expect(names).toEqual(["README.md", "croissant.json", "manifest.json", "SHA256SUMS"].map((f) => `in2-export-41/${f}`).concat(shards));
    expect(listing[0]).toMatch(/^-rw-r--r-- in2\/in2 .* 2026-12-01 06:00 in2-export-41\/README\.md$/);
    const out = path.join(dir, "untarred");
    fs.mkdirSync(out);
    execFileSync("tar", ["-xf", tarFile, "-C", out]);
    for (const name of names) {
      const rel = name!.slice("in2-export-41/".length);
      expect(sha256(fs.readFileSync(path.join(out, name!))), rel).toBe(sha256(fs.readFileSync(path.join(row.path, rel))));
    }
    // the same export gives the same tar bytes
    expect(sha256(Buffer.from(await (await folderTarDownload(row)).arrayBuffer()))).toBe(sha256(bytes));
  });

  it("serves one member by its path, with its sha256 as the ETag for shards, and nothing outside the folder's list", async () => {
    const shard = `data/${fs.readdirSync(path.join(row.path, "data")).sort()[0]}`;
    const res = await folderMemberDownload(row, shard);
    const body = Buffer.from(await res.arrayBuffer());
    expect(body).toEqual(fs.readFileSync(path.join(row.path, shard)));
    expect(res.headers.get("etag")).toBe(`"${sha256(body)}"`);
    for (const bad of ["../hub/SHA256SUMS", "/etc/passwd", "data/../manifest.json", "data"]) {
      await expect(folderMemberDownload(row, bad), bad).rejects.toThrow(/has no file/);
    }
  });

  it("refuses a folder changed on disk since the export, with the reason", async () => {
    const sums = path.join(row.path, "SHA256SUMS");
    const before = fs.readFileSync(sums);
    fs.appendFileSync(sums, `${"0".repeat(64)}  data/extra-00000-of-00001.jsonl.gz\n`);
    try {
      const err = await folderTarDownload(row).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).message).toMatch(/changed on disk since it was written/);
    } finally {
      fs.writeFileSync(sums, before);
    }
  });

  it("writes ustar headers whose checksum and long names GNU tar accepts", () => {
    const long = `${"d".repeat(120)}/${"f".repeat(90)}.parquet`;
    const h = tarHeader(long, 3, 0);
    const file = path.join(dir, "long.tar");
    fs.writeFileSync(file, Buffer.concat([h, Buffer.from("abc"), Buffer.alloc(509), Buffer.alloc(1024)]));
    expect(execFileSync("tar", ["-tf", file], { encoding: "utf8" }).trim()).toBe(long);
    expect(() => tarHeader(`${"x".repeat(300)}`, 1, 0)).toThrow(/name too long/);
  });
});
