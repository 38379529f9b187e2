import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import zlib from "node:zlib";
import { expect, test } from "@playwright/test";
import { open, snap } from "./support/app";

test.describe.configure({ mode: "serial" });

/** The demo corpus and 12 pairs (6 accepted), written into the running server's database by a CLI-style seed. */
test.beforeAll(() => {
  const env: NodeJS.ProcessEnv = { ...process.env, IN2_DATA_DIR: process.env.IN2_E2E_DATA_DIR };
  delete env.DATABASE_URL;
  const out = execFileSync(process.execPath, ["--import", "tsx", "test/export/seed-e2e.ts", "12"], { env, encoding: "utf8", timeout: 120_000 });
  expect(JSON.parse(out.trim().split("\n").pop() ?? "{}").accepted).toHaveLength(6);
});

test("starts an export in the UI, follows its progress and downloads a file that matches its manifest", async ({ page }) => {
  test.setTimeout(120_000);
  await open(page, "/export");
  await expect(page.getByRole("heading", { name: "Export", exact: true })).toBeVisible();
  await expect(page.getByText("No export running")).toBeVisible();
  // the past-exports list has loaded: empty, or holding an earlier spec's export (specs share one server)
  await expect(page.getByText("No export yet").or(page.getByRole("table")).first()).toBeVisible();
  await expect(page.getByTestId("status-accepted")).toContainText(/\d/);
  await snap(page, "export");

  const accepted = (await (await page.request.get("/api/pairs/count?status=accepted")).json() as { count: number }).count;
  await page.getByText("Raw with positions").click();
  await page.getByLabel("Seed").fill("11");
  await page.getByLabel("Min tokens").fill("1024");
  await page.getByLabel("Max tokens").fill("4096");
  // gzip level: 6 unless asked; 1 for speed
  await expect(page.getByLabel("Compression level")).toHaveValue("6");
  await page.getByLabel("Compression level").selectOption("1");
  await page.getByRole("button", { name: "Start export" }).click();

  const done = page.getByTestId("export-done");
  await expect(done).toBeVisible({ timeout: 90_000 });
  await expect(done).toContainText(`${accepted} rows`);
  const [download] = await Promise.all([page.waitForEvent("download"), done.getByRole("link", { name: "Download" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^export-\d+-raw\.jsonl\.gz$/);
  const bytes = fs.readFileSync((await download.path())!);
  const rows = zlib.gunzipSync(bytes).toString("utf8").trim().split("\n").map((l) => JSON.parse(l) as { id: number; key: string; review: { status: string } });
  expect(rows).toHaveLength(accepted);
  expect(rows.every((r) => r.review.status === "accepted")).toBe(true);
  // rows go by content key, never by database id (issue 11)
  const keys = rows.map((r) => r.key);
  expect(keys).toEqual([...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));

  const table = page.getByTestId("exports-table");
  await expect(table).toContainText("raw");
  const { exports } = await (await page.request.get("/api/exports")).json() as { exports: { id: number; sha256: string; rows: number }[] };
  expect(exports[0]!.sha256).toBe(crypto.createHash("sha256").update(bytes).digest("hex"));
  const manifest = await (await page.request.get(`/api/exports/${exports[0]!.id}/download?file=manifest`)).json() as { sha256: string; rows: number };
  expect(manifest).toMatchObject({ sha256: exports[0]!.sha256, rows: accepted });
  await snap(page, "export-done");
  await page.setViewportSize({ width: 390, height: 844 });
  await snap(page, "export-narrow");
});

test("exports exactly one assembly run's contexts with that run's recipe and seed", async ({ page }) => {
  test.setTimeout(120_000);
  await open(page, "/export");
  await page.getByText("One assembly run").click();
  const runSelect = page.getByRole("combobox", { name: "Assembly run" });
  await expect(runSelect).toBeVisible();
  // the run the first export assembled: its recipe replaces the seed and length fields
  await expect(page.getByTestId("run-recipe")).toContainText("seed 11");
  await expect(page.getByRole("textbox", { name: "Seed" })).toHaveCount(0);
  await snap(page, "export-run");
  await page.getByRole("button", { name: "Start export" }).click();
  const done = page.getByTestId("export-done");
  await expect(done).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId("export-recipe")).toContainText("seed 11");
  await expect(page.getByTestId("export-recipe")).toContainText(/run #\d+/);
  const { exports } = await (await page.request.get("/api/exports")).json() as { exports: { id: number; params: { runId?: number } }[] };
  expect(exports[0]!.params.runId).toBeGreaterThan(0);
  const manifest = await (await page.request.get(`/api/exports/${exports[0]!.id}/download?file=manifest`)).json() as
    { recipe: { seed: string }; runs: { id: number }[] };
  expect(manifest.recipe.seed).toBe("11");
  expect(manifest.runs.map((r) => r.id)).toEqual([exports[0]!.params.runId]);
  await snap(page, "export-run-done");
});
