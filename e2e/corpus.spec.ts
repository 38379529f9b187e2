import { expect, test } from "@playwright/test";
import { open, snap } from "./support/app";

test.describe.configure({ mode: "serial" });

test("an empty app offers the demo corpus; loading it and opening a document shows how it was cut", async ({ page }) => {
  await open(page, "/");
  await expect(page.getByText("No corpus yet — load the demo corpus or import a file")).toBeVisible();
  await snap(page, "dashboard-empty");
  await page.getByRole("button", { name: "Load the demo corpus" }).click();
  // the job card and the recent-activity list both say "succeeded": wait on the import's own summary
  await expect(page.getByText("1,000 documents imported")).toBeVisible({ timeout: 120_000 });
  await expect(page.getByText("succeeded").first()).toBeVisible();
  await snap(page, "dashboard-demo-loaded");

  await open(page, "/corpora");
  const row = page.getByRole("row", { name: /c4-realnewslike-demo/ });
  await expect(row).toContainText("1,000");
  await snap(page, "corpora");

  await row.getByRole("link", { name: "c4-realnewslike-demo" }).click();
  await expect(page).toHaveURL(/\/documents\?corpusId=\d+/);
  const first = page.getByRole("table").getByRole("link").first();
  const preview = (await first.textContent())?.trim().slice(0, 40) ?? "";
  await first.click();
  await expect(page.getByRole("heading", { name: /Document #?\d+/ })).toBeVisible();
  const segments = page.getByTestId("segment");
  await expect(segments.first()).toBeVisible();
  await expect(segments.first()).toContainText(/\d+ tokens/);
  await expect(page.getByRole("list", { name: "Segments of this document" })).toContainText(preview);
  await snap(page, "document");
  await page.setViewportSize({ width: 390, height: 800 });
  await snap(page, "document-narrow");
});

test("segments can be filtered by token count and sampled with a seed", async ({ page }) => {
  await open(page, "/segments?minTokens=300");
  const list = page.getByRole("list", { name: "Segments" });
  await expect(list.getByRole("listitem").first()).toBeVisible();
  const counts = await list.getByRole("listitem").locator("text=/^[\\d,]+ tokens$/").allTextContents();
  expect(counts.length).toBeGreaterThan(0);
  for (const c of counts) expect(Number(c.replace(/[^\d]/g, ""))).toBeGreaterThanOrEqual(300);
  await snap(page, "segments");

  await page.getByLabel("Sample size").fill("5");
  await page.getByLabel("Seed").fill("7");
  await page.getByRole("button", { name: "Sample" }).click();
  const sampled = page.getByRole("list", { name: "Sampled segments" }).getByRole("listitem");
  await expect(sampled).toHaveCount(5);
  const first = await sampled.allTextContents();
  await page.getByRole("button", { name: "Sample" }).click();
  await expect(sampled).toHaveCount(5);
  expect(await sampled.allTextContents()).toEqual(first);

  // a hand-picked selection goes to the generate page as it is
  const boxes = list.getByRole("checkbox");
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await expect(page.getByText("2 selected")).toBeVisible();
  await page.getByRole("link", { name: "Generate from selection" }).click();
  await expect(page).toHaveURL(/\/generate\?segments=\d+,\d+$/);
  await expect(page.getByText("2 chosen segments")).toBeVisible();
});

test("a file uploaded in the browser is imported with a progress bar, and its bad lines are listed", async ({ page }) => {
  await open(page, "/corpora");
  const lines = [
    JSON.stringify({ text: "The harbour festival returns this weekend with boat races and a night market.", url: "https://example.org/a" }),
    "{broken json",
    JSON.stringify({ body: "no text here" }),
    JSON.stringify({ text: "Council approves the new cycle lane on Station Road after a long debate.", url: "https://example.org/b" }),
  ];
  await page.getByLabel("Files to import").setInputFiles({ name: "uploaded.jsonl", mimeType: "application/jsonl", buffer: Buffer.from(lines.join("\n")) });
  await page.getByLabel("Corpus name").fill("uploaded-news");
  // the licence is asked for: "unknown" is allowed, with a warning that says how to set it later
  const unknownLicence = page.getByRole("status").filter({ hasText: "Licence unknown" });
  await expect(unknownLicence).toContainText("in2 license CORPUS ID");
  await snap(page, "corpora-import-licence-unknown");
  await page.getByLabel("Licence", { exact: true }).selectOption("spdx");
  await page.getByLabel("SPDX licence id").fill("CC-BY-4.0");
  await expect(unknownLicence).toHaveCount(0);
  await page.getByRole("button", { name: "Upload and import" }).click();
  const job = page.getByTestId(/^job-\d+$/);
  await expect(job.getByText("succeeded")).toBeVisible({ timeout: 60_000 });
  await expect(job).toContainText("2 documents imported");
  await expect(job).toContainText("2 lines skipped");
  await expect(job).toContainText("licence cc-by-4.0"); // the SPDX id as the Hub id a dataset card states
  const skipped = page.getByRole("list", { name: "Skipped lines" });
  await expect(skipped).toContainText("uploaded.jsonl:2 — invalid JSON");
  await expect(skipped).toContainText('uploaded.jsonl:3 — missing text field "text"');
  await expect(page.getByRole("row", { name: /uploaded-news/ })).toContainText("2");
  await snap(page, "corpora-upload");
});
