import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { open, snap } from "./support/app";

test.describe.configure({ mode: "serial" });

test.beforeAll(() => {
  const env: NodeJS.ProcessEnv = { ...process.env, IN2_DATA_DIR: process.env.IN2_E2E_DATA_DIR };
  delete env.DATABASE_URL;
  const out = execFileSync(process.execPath, ["--import", "tsx", "test/export/seed-e2e.ts", "12"], { env, encoding: "utf8", timeout: 120_000 });
  expect(JSON.parse(out.trim().split("\n").pop() ?? "{}").accepted.length).toBeGreaterThan(0);
});

test("exports a Hub dataset folder from the Export page: splits by document, TRL rows, a manifest with every shard", async ({ page }) => {
  test.setTimeout(150_000);
  await open(page, "/export");
  await page.getByText("Chat messages", { exact: true }).click();
  await page.getByText("Hub dataset folder", { exact: true }).click();
  await page.getByLabel("Splits").fill("train=0.5,validation=0.5");
  await page.getByLabel("Split seed").fill("4");
  await page.getByText("TRL prompt–completion rows").click();
  await page.getByLabel("Min tokens").fill("1024");
  await page.getByLabel("Max tokens").fill("4096");
  await snap(page, "export-hf-form");
  await page.getByRole("button", { name: "Start export" }).click();
  const done = page.getByTestId("export-done");
  await expect(done).toBeVisible({ timeout: 120_000 });
  await expect(done.getByTestId("export-folder")).toContainText(/export-\d+-chat-hf/);
  const { exports } = await (await page.request.get("/api/exports")).json() as { exports: { id: number }[] };
  const manifest = await (await page.request.get(`/api/exports/${exports[0]!.id}/download?file=manifest`)).json() as {
    layout: string; row_format: string; shards: { file: string; sha256: string }[]; disjointness: { overlap_documents: number }; splits: { fractions: Record<string, number> } };
  expect(manifest).toMatchObject({ layout: "hf", row_format: "prompt_completion", disjointness: { overlap_documents: 0 }, splits: { fractions: { train: 0.5, validation: 0.5 } } });
  expect(manifest.shards.map((s) => s.file)).toEqual(["data/train-00000-of-00001.parquet", "data/validation-00000-of-00001.parquet"]);
  await expect(page.getByTestId("exports-table")).toContainText("Hub folder .tar");
  await snap(page, "export-hf-done");

  // the folder downloads as one tar: GNU tar reads it, and every shard in it hashes to its line in the manifest
  const [download] = await Promise.all([page.waitForEvent("download"), done.getByRole("link", { name: "Download .tar" }).click()]);
  expect(download.suggestedFilename()).toBe(`in2-export-${exports[0]!.id}.tar`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "in2-hf-tar-"));
  const tarFile = path.join(dir, "folder.tar");
  await download.saveAs(tarFile);
  execFileSync("tar", ["-xf", tarFile, "-C", dir]);
  const top = path.join(dir, `in2-export-${exports[0]!.id}`);
  expect(fs.readdirSync(top).sort()).toEqual(["README.md", "SHA256SUMS", "croissant.json", "data", "manifest.json"]);
  for (const s of manifest.shards) {
    expect(crypto.createHash("sha256").update(fs.readFileSync(path.join(top, s.file))).digest("hex")).toBe(s.sha256);
  }
  fs.rmSync(dir, { recursive: true, force: true });
});
