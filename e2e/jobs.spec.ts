import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { E2E_ADMIN } from "./global-setup";
import { open, snap } from "./support/app";

test.describe.configure({ mode: "serial" });
const ORIGIN = { origin: `http://127.0.0.1:${process.env.IN2_E2E_PORT ?? 3123}` }; // the CSRF check wants it on writes

interface Job { id: number; status: string; failed: number }
// a poll survives one dropped connection on a loaded machine: it just asks again
const job = async (request: APIRequestContext, id: number) =>
  request.get(`/api/jobs/${id}`).then((r) => r.json() as Promise<Job>, () => ({ id, status: "unknown", failed: 0 }));
const stopped = (request: APIRequestContext, id: number) =>
  expect.poll(async () => (await job(request, id)).status, { timeout: 120_000 }).toMatch(/succeeded|failed|cancelled/);

async function ensureCorpus(request: APIRequestContext): Promise<void> {
  const { corpora } = await (await request.get("/api/corpora")).json() as { corpora: { segmentCount: number }[] };
  if (corpora.some((c) => c.segmentCount > 0)) return;
  const { jobId } = await (await request.post("/api/imports/demo", { headers: ORIGIN })).json() as { jobId: number };
  await expect.poll(async () => (await job(request, jobId)).status, { timeout: 120_000 }).toBe("succeeded");
}

/** Records every text the header's job indicator ever shows, so a short job is seen even if it ends quickly. */
async function recordHeader(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __header: string[] };
    w.__header = [];
    const read = () => { const t = document.querySelector("header")?.textContent ?? ""; if (w.__header.at(-1) !== t) w.__header.push(t); };
    new MutationObserver(read).observe(document.querySelector("header")!, { subtree: true, childList: true, characterData: true });
    read();
  });
  return async () => page.evaluate(() => (window as unknown as { __header: string[] }).__header);
}

let generationJob = 0;

test.beforeEach(async ({ page, baseURL }) => {
  const res = await page.request.post("/api/auth/login", { data: E2E_ADMIN, headers: { origin: baseURL ?? "" } });
  expect(res.ok()).toBe(true);
});

test("1 · a page refreshes its lists when a job ends, even one it did not start (contexts)", async ({ page }) => {
  test.setTimeout(240_000);
  const request = page.request;
  await ensureCorpus(request);
  const gen = await (await request.post("/api/generate", { headers: ORIGIN, data: { type: "single", count: 4, provider: "offline", seed: 17 } })).json() as { jobId: number };
  generationJob = gen.jobId;
  await stopped(request, gen.jobId);
  const { items } = await (await request.get(`/api/jobs/${gen.jobId}/items?status=succeeded`)).json() as { items: { pairId: number }[] };
  expect(items.length).toBeGreaterThan(0);
  const pairIds = items.map((i) => i.pairId).slice(0, 2);
  for (const id of pairIds) {
    const p = await (await request.get(`/api/pairs/${id}`)).json() as { version: number };
    expect((await request.patch(`/api/pairs/${id}`, { headers: ORIGIN, data: { version: p.version, status: "accepted" } })).ok()).toBe(true);
  }

  await open(page, "/contexts");
  const runs = page.locator("[data-testid^='run-']");
  await expect(page.getByRole("table", { name: "Assembly runs" })).toBeVisible();
  const before = await runs.count();
  // started elsewhere (another tab, a teammate, the CLI): this page never heard of it
  const started = await (await request.post("/api/assembly", { headers: ORIGIN, data: { selection: { pairIds }, minTokens: 1024, maxTokens: 2048, shortRatio: 0, seed: "f-e2e-refresh" } })).json() as { jobId: number };
  await stopped(request, started.jobId);
  await expect(runs).toHaveCount(before + 1, { timeout: 15_000 });
  await expect(page.getByText("No assembly run yet")).toHaveCount(0);
  await snap(page, "f-contexts-refreshed");
});

test("3 · the header counts a running import, and the corpus keeps its import summary", async ({ page }) => {
  test.setTimeout(180_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "in2-f-import-"));
  const file = path.join(dir, "notes.jsonl");
  const long = Array.from({ length: 8 }, (_, i) => `Line ${i}: the council met in Salzburg on Monday to discuss the river, the bridge and the new library budget.`).join("\n");
  fs.writeFileSync(file, [
    JSON.stringify({ text: long }),
    JSON.stringify({ text: "A short note, kept whole." }),
    "{not json",
    JSON.stringify({ text: long }), // a duplicate
    JSON.stringify({ title: "no text field" }),
    JSON.stringify({ text: "Another short one." }),
  ].join("\n") + "\n");

  await open(page, "/corpora");
  const seen = await recordHeader(page);
  await page.getByLabel("Files to import").setInputFiles(file);
  await page.getByLabel("Corpus name").fill("f-e2e-notes");
  await page.getByRole("button", { name: "Upload and import" }).click();
  // the job this form started (the corpora table above also names earlier import jobs)
  const progress = page.locator("form ~ div [data-testid^='job-']").first();
  await expect(progress).toBeVisible({ timeout: 30_000 });
  const jobId = Number((await progress.getAttribute("data-testid"))?.slice("job-".length));
  await stopped(page.request, jobId);
  expect((await seen()).some((t) => /running · (Import job #\d+|uploading)/.test(t))).toBe(true);

  const row = page.getByRole("row").filter({ hasText: "f-e2e-notes" });
  await expect(row).toBeVisible();
  const summary = page.getByTestId("last-import").filter({ hasText: `Import job #${jobId}` });
  await expect(summary).toContainText("1 duplicate skipped");
  await expect(summary).toContainText("2 lines skipped");
  // after a reload (the job long gone from the form) the summary is still on the corpus
  await page.reload();
  await expect(summary).toContainText("2 lines skipped");
  await summary.getByText("Skipped lines").click();
  await expect(summary.getByRole("list", { name: "Skipped lines of the last import" })).toContainText("notes.jsonl:3");
  await expect(summary.getByRole("list", { name: "Skipped lines of the last import" })).toContainText("notes.jsonl:5");
  await snap(page, "f-corpora-import-summary");
});

test("2 · the Jobs page lists every job; failed items show reason and raw reply, retriable one by one or all", async ({ page }) => {
  test.setTimeout(240_000);
  expect(generationJob).toBeGreaterThan(0);
  const env: NodeJS.ProcessEnv = { ...process.env, IN2_DATA_DIR: process.env.IN2_E2E_DATA_DIR };
  delete env.DATABASE_URL;
  const out = execFileSync(process.execPath, ["--import", "tsx", "e2e/support/seed-failed-items.ts", String(generationJob)], { env, encoding: "utf8", timeout: 120_000 });
  const { itemIds } = JSON.parse(out.trim().split("\n").pop() ?? "{}") as { itemIds: number[] };
  expect(itemIds).toHaveLength(2);

  // the red count on the generate page leads to the job's failed items
  await open(page, `/generate?job=${generationJob}`);
  // (the jobs list below the card can show an earlier job with failures too: take this job's link)
  await page.locator(`a[href="/jobs?job=${generationJob}"]`, { hasText: "2 failed — see reasons and retry" }).first().click();
  await expect(page).toHaveURL(new RegExp(`/jobs\\?job=${generationJob}`));
  await page.waitForSelector("html[data-hydrated='true']");

  const table = page.getByRole("table", { name: "Jobs" });
  await expect(table).toContainText("Import job #");
  await expect(table).toContainText("Assembly job #");
  const row = page.getByTestId(`jobs-row-${generationJob}`);
  await expect(row).toContainText(`Generation job #${generationJob}`);
  await expect(row).toContainText("2 failed items");
  await expect(row).toContainText("E2E Admin");
  await expect(row).toContainText("provider: offline");

  const detail = page.getByTestId("job-detail");
  await expect(detail).toContainText("Started by E2E Admin");
  await expect(detail.getByText("\"provider\": \"offline\"")).toBeVisible();
  const failed = detail.getByRole("region", { name: "Failed items" });
  await expect(failed).toContainText("the model's reply is not valid JSON");
  await expect(failed).toContainText("Sure! Here is a question about the text");
  await snap(page, "f-jobs-failed-items");

  await failed.getByRole("button", { name: `Retry item #${itemIds[0]}` }).click();
  await expect(failed).toContainText("1 item sent again");
  await stopped(page.request, generationJob);
  const left = async () => ((await (await page.request.get(`/api/jobs/${generationJob}/items?status=failed`)).json()) as { items: { id: number }[] }).items.map((i) => i.id);
  // the other seeded item is still failed: only the one asked for was retried
  await expect.poll(left).toContain(itemIds[1]);
  await expect(failed.getByRole("button", { name: "Retry all failed items" })).toBeEnabled({ timeout: 15_000 });
  const before = (await left()).length;
  await failed.getByRole("button", { name: "Retry all failed items" }).click();
  await expect(failed).toContainText(`${before} item${before === 1 ? "" : "s"} sent again`);
  await stopped(page.request, generationJob);

  await page.getByLabel("Kind").selectOption("import");
  await expect(page).toHaveURL(/kind=import/);
  await expect.poll(async () => {
    const labels = await table.locator("tbody tr td:first-child button").allTextContents();
    return labels.length > 0 && labels.every((t) => /^Import job #\d+$/.test(t));
  }).toBe(true);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Jobs" })).toHaveAttribute("aria-current", "page");
  await page.setViewportSize({ width: 420, height: 900 });
  await snap(page, "f-jobs-narrow");
});
