import { execFileSync } from "node:child_process";
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
  await expect(page.getByTestId("exports-table")).toContainText("Hub folder");
  await snap(page, "export-hf-done");
});
