import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { E2E_ADMIN } from "./global-setup";
import { open, snap } from "./support/app";

test.describe.configure({ mode: "serial" });

interface Seed { runId: number; assembled: number; evidence: { pairId: number; type: string; piece: number; needed: boolean; text: string }[] }
let seed: Seed;

/** Accepted corpus-real pairs and one assembly run, written into the running server's database by a CLI-style seed. */
test.beforeAll(() => {
  const env: NodeJS.ProcessEnv = { ...process.env, IN2_DATA_DIR: process.env.IN2_E2E_DATA_DIR };
  delete env.DATABASE_URL;
  const out = execFileSync(process.execPath, ["--import", "tsx", "test/contexts/seed-e2e.ts", "8"], { env, encoding: "utf8", timeout: 180_000 });
  seed = JSON.parse(out.trim().split("\n").pop() ?? "{}") as Seed;
  expect(seed.assembled).toBe(8);
});

/**
 * Signs in on this server itself: .reports/e2e-auth.json is shared by every e2e run in the working tree, so a
 * parallel run on another port can overwrite it with a session this server does not know.
 */
test.beforeEach(async ({ page, baseURL }) => {
  const res = await page.request.post("/api/auth/login", { data: E2E_ADMIN, headers: { origin: baseURL ?? "" } });
  expect(res.ok()).toBe(true);
});

test("the contexts page lists the run and draws its balance charts", async ({ page }) => {
  await open(page, "/contexts");
  await page.getByTestId(`run-${seed.runId}`).click();
  const panel = page.getByTestId("balance-panel");
  await expect(panel).toContainText("Context length");
  await expect(panel).toContainText("Evidence depth · type 1");
  await expect(panel.locator(".recharts-bar-rectangle").first()).toBeVisible();
  await expect(page.getByRole("table", { name: "Contexts" }).getByRole("row")).toHaveCount(9);
  await snap(page, "contexts");
});

test("a preview jumps to the evidence, whose highlighted text is exactly the evidence segment", async ({ page }) => {
  const multi = seed.evidence.find((e) => e.type === "multi" && e.piece === 2) ?? seed.evidence[0]!;
  await open(page, `/contexts/${multi.pairId}`);
  await expect(page.getByTestId("context-preview")).toBeVisible();
  await expect(page.getByTestId("minimap-evidence")).toHaveCount(seed.evidence.filter((e) => e.pairId === multi.pairId && e.needed).length);
  // virtualized: far-away blocks are not in the DOM until scrolled to
  const blocks = await page.getByTestId("context-scroller").locator("[data-index]").count();
  expect(blocks).toBeLessThan(40);
  // it opens scrolled to the first evidence piece (in text order), not at token 0
  await expect(page.getByTestId("evidence-block").first()).toBeInViewport();
  expect(await page.getByTestId("context-scroller").evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
  // numbered minimap marks in distinct colours that never overlap
  const marks = await page.getByTestId("minimap-evidence").evaluateAll((els) => els.map((el) => {
    const r = el.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, label: el.querySelector("[aria-hidden]")?.textContent, colour: getComputedStyle(el).backgroundColor };
  }));
  expect(marks.map((m) => m.label)).toEqual(marks.map((_, k) => expect.stringMatching(/^\d+$/)));
  expect(new Set(marks.map((m) => m.colour)).size).toBe(new Set(marks.map((m) => m.label)).size);
  for (let k = 1; k < marks.length; k++) expect(marks[k]!.top).toBeGreaterThanOrEqual(marks[k - 1]!.bottom - 0.5);
  await snap(page, "context-preview-open");

  await page.getByTestId(`jump-piece-${multi.piece}`).click();
  const block = page.locator(`[data-testid="evidence-block"][data-piece="${multi.piece}"]`);
  await expect(block).toBeInViewport();
  await expect(block.getByTestId("evidence-text")).toHaveText(multi.text, { useInnerText: false });
  expect(await block.getByTestId("evidence-text").evaluate((el) => el.textContent)).toBe(multi.text);
  await expect(block.locator("mark").first()).toBeVisible();
  await snap(page, "context-preview");
});

test("the answer box marks the answer itself inside its support quote, and filler text shows no HTML entities", async ({ page }) => {
  const first = seed.evidence.find((e) => e.piece === 1)!;
  await open(page, `/contexts/${first.pairId}`);
  const block = page.locator('[data-testid="evidence-block"][data-piece="1"]');
  await expect(block).toBeInViewport();
  const answer = (await page.getByTestId("preview-answer").textContent())!.trim();
  const boxed = block.locator('mark[data-mark="answer"]');
  await expect(boxed.first()).toBeVisible();
  const boxedText = (await boxed.allTextContents()).join("");
  const supportText = (await block.locator("mark").allTextContents()).join("");
  // the box holds the answer's words, not the whole support sentence around them
  expect(answer.toLowerCase()).toContain(boxedText.toLowerCase().replace(/[\s.,;:!?]+$/, ""));
  expect(boxedText.length).toBeLessThan(supportText.length);
  await expect(page.getByTestId("answer-not-verbatim")).toHaveCount(0);
  await expect(page.getByTestId("context-scroller")).not.toContainText(/&(apos|amp|quot|#\d+);/);
  await boxed.first().scrollIntoViewIfNeeded();
  await snap(page, "context-preview-answer");
});

test("source pieces (shown to the generator, not needed by the answer) are drawn apart from the evidence, unhighlighted", async ({ page }) => {
  const source = seed.evidence.find((e) => e.type === "multi" && !e.needed);
  expect(source, "the seed has a multi pair with a source piece").toBeTruthy();
  await open(page, `/contexts/${source!.pairId}`);
  await expect(page.getByTestId("context-preview")).toBeVisible();
  await expect(page.getByTestId("minimap-source")).toHaveCount(seed.evidence.filter((e) => e.pairId === source!.pairId && !e.needed).length);
  await expect(page.getByTestId(`jump-piece-${source!.piece}`)).toHaveCount(0);
  await page.getByTestId("minimap-source").first().evaluate((el) => el.scrollIntoView());
  const scroller = page.getByTestId("context-scroller");
  // scroll the virtualized text from the top (the preview opens at the first evidence piece) until the source block is rendered
  await scroller.evaluate((el) => { el.scrollTop = 0; });
  for (let i = 0; i < 60 && (await page.locator(`[data-testid="source-block"][data-piece="${source!.piece}"]`).count()) === 0; i++) {
    await scroller.evaluate((el) => el.scrollBy(0, 600));
  }
  const block = page.locator(`[data-testid="source-block"][data-piece="${source!.piece}"]`);
  await block.scrollIntoViewIfNeeded();
  await expect(block).toContainText(`source ${source!.piece}`);
  await expect(block.locator("mark")).toHaveCount(0);
  await snap(page, "context-preview-source");
});
