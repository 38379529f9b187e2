import { execFileSync } from "node:child_process";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { open, snap } from "./support/app";

test.describe.configure({ mode: "serial" });

/** The demo corpus and 40 corpus-real pairs in the running server's database (the review spec's seed). */
test.beforeAll(() => {
  const env: NodeJS.ProcessEnv = { ...process.env, IN2_DATA_DIR: process.env.IN2_E2E_DATA_DIR };
  delete env.DATABASE_URL;
  const out = execFileSync(process.execPath, ["--import", "tsx", "test/review/seed-e2e.ts", "40"], { env, encoding: "utf8", timeout: 120_000 });
  expect(JSON.parse(out.trim().split("\n").pop() ?? "{}").ids).toHaveLength(40);
});

const origin = (page: Page) => ({ origin: new URL(page.url()).origin });

/** A second signed-in reviewer in a browser context of their own. */
async function secondReviewer(browser: Browser, admin: Page, email: string) {
  const password = "second reviewer password 42";
  const created = await admin.request.post("/api/users", { data: { email, role: "reviewer", password }, headers: origin(admin) });
  expect([200, 201, 409]).toContain(created.status());
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/login");
  const login = await page.request.post("/api/auth/login", { data: { email, password }, headers: { origin: new URL(admin.url()).origin } });
  expect(login.status()).toBe(200);
  return { page, close: () => context.close() };
}

test("two reviewers open the review queue at once and are shown different pairs", async ({ page, browser }) => {
  await open(page, "/review");
  const other = await secondReviewer(browser, page, "bo@team.example");
  await open(other.page, "/review");
  const mine = Number(await page.getByTestId("review-pair").getAttribute("data-pair-id"));
  const theirs = Number(await other.page.getByTestId("review-pair").getAttribute("data-pair-id"));
  expect(mine).toBeGreaterThan(0);
  expect(theirs).toBeGreaterThan(0);
  expect(theirs).not.toBe(mine);
  // the prefetched buffers are disjoint too: each holds leases on its own five
  const a = (await (await page.request.get("/api/pairs/next?limit=5")).json()) as { items: { id: number }[] };
  const b = (await (await other.page.request.get("/api/pairs/next?limit=5")).json()) as { items: { id: number }[] };
  expect(a.items.map((p) => p.id).filter((id) => b.items.some((q) => q.id === id))).toEqual([]);
  // leaving the review page gives the second reviewer's pairs back to the queue at once (not after the lease expires)
  await other.page.goto("/pairs");
  await expect.poll(async () => ((await (await page.request.get("/api/pairs/next?limit=20")).json()) as { items: { id: number }[] }).items.map((p) => p.id))
    .toContain(theirs);
  await other.close();
});

test("prompt lab: edit the built-in prompt, dry-run it, save a version, compare", async ({ page }) => {
  await open(page, "/generate");
  await page.getByRole("link", { name: "Prompts" }).click();
  await expect(page).toHaveURL(/\/generate\/prompts/);
  await page.waitForSelector("html[data-hydrated='true']");
  const text = page.getByLabel("Prompt text");
  await expect(text).toHaveValue(/question-answer pair/);
  await page.getByLabel("Prompt name").fill("dates-first");
  await text.fill(`${await text.inputValue()}\nPrefer questions whose answer is a date.`);
  await page.getByRole("button", { name: "Dry run on 5 segments" }).click();
  const dry = page.getByTestId("dry-run");
  await expect(dry).toContainText("offline");
  await expect(dry.locator("li")).toHaveCount(5);
  await snap(page, "prompt-lab-dry-run");
  await page.getByRole("button", { name: "Save as new version" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved as dates-first@" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Prompt versions" })).toContainText("dates-first@");
  // saved versions are immutable and readable; the API lists it after the built-in ones
  const list = (await (await page.request.get("/api/prompts")).json()) as { items: { version: string; builtin: boolean; text: string }[] };
  const saved = list.items.find((v) => v.version.startsWith("dates-first@"))!;
  expect(saved.text).toContain("Prefer questions whose answer is a date.");
  // the comparison table and chart show the seeded pairs' prompt version
  const table = page.getByRole("table", { name: "Prompt comparison" });
  await expect(table).toContainText("in2-v1");
  await expect(page.getByTestId("accept-chart").or(page.getByText("The chart appears once pairs of a version are reviewed."))).toBeVisible();
  await snap(page, "prompt-lab");
});

test("audit: draw a sample, review it in the review view, decide the rest, undo", async ({ page }) => {
  await open(page, "/audits");
  const form = page.getByRole("form", { name: "New audit" });
  await form.getByLabel("Sample size").fill("4");
  await form.getByLabel("Seed").fill("7");
  await form.getByRole("button", { name: "Draw the sample" }).click();
  await expect(page).toHaveURL(/\/audits\/\d+$/);
  const id = Number(page.url().split("/").pop());
  await page.waitForSelector("html[data-hydrated='true']");
  await expect(page.getByText("0 / 4")).toBeVisible();
  await snap(page, "audit-new");

  await page.getByRole("link", { name: /Review the sample/ }).click();
  await expect(page).toHaveURL(new RegExp(`/review\\?audit=${id}`));
  await page.waitForSelector("html[data-hydrated='true']");
  await expect(page.getByTestId("audit-banner")).toContainText(`audit #${id}`);
  const sample = (await (await page.request.get(`/api/pairs?audit=${id}&limit=10`)).json()) as { items: { id: number }[] };
  expect(sample.items).toHaveLength(4);
  for (let i = 0; i < 4; i++) {
    const shown = page.getByTestId("review-pair");
    const before = await shown.getAttribute("data-pair-id");
    expect(sample.items.map((p) => String(p.id))).toContain(before);
    await page.keyboard.press("a");
    if (i < 3) await expect(shown).not.toHaveAttribute("data-pair-id", before ?? "");
  }
  await expect.poll(async () => ((await (await page.request.get(`/api/audits/${id}`)).json()) as { estimate: { reviewed: number } }).estimate.reviewed).toBe(4);

  await open(page, `/audits/${id}`);
  await expect(page.getByText("4 / 4")).toBeVisible();
  await expect(page.getByText("100.0%").first()).toBeVisible();
  await page.getByLabel("Accept above").fill("0.4");
  await page.getByRole("button", { name: "Decide the rest from the audit" }).click();
  await expect(page.getByRole("status").filter({ hasText: /^Accepted \d+ pending pairs/ })).toBeVisible();
  await snap(page, "audit-applied");
  const after = (await (await page.request.get(`/api/audits/${id}`)).json()) as { remainder: number; applied: { changed: number } };
  expect(after.remainder).toBe(0);
  expect(after.applied.changed).toBeGreaterThan(0);
  await page.getByRole("button", { name: /^Undo \(accept of/ }).click();
  await expect(page.getByRole("status").filter({ hasText: /Undone: \d+ pairs pending again/ })).toBeVisible();
  const undone = (await (await page.request.get(`/api/audits/${id}`)).json()) as { remainder: number; applied: { undone: boolean } };
  expect(undone.applied.undone).toBe(true);
  expect(undone.remainder).toBe(after.applied.changed);
});

test("agreement: route an overlap, two blind votes disagree, kappa and adjudication on the agreement page", async ({ page, browser }) => {
  await open(page, "/agreement");
  await page.getByLabel("Overlap percent").fill("100");
  await page.getByRole("button", { name: "Route to two reviewers" }).click();
  await expect(page.getByRole("status").filter({ hasText: /pending pairs routed to two reviewers/ })).toBeVisible();
  // the admin's queue now serves blind pairs
  await open(page, "/review");
  await expect(page.getByTestId("blind-badge")).toBeVisible();
  await snap(page, "review-blind");
  const first = Number(await page.getByTestId("review-pair").getAttribute("data-pair-id"));
  await page.keyboard.press("a");
  await expect.poll(async () => ((await (await page.request.get("/api/agreement")).json()) as { overlap: { open: number } }).overlap.open).toBeGreaterThan(0);
  const other = await secondReviewer(browser, page, "cy@team.example");
  const vote = await other.page.request.post("/api/review/votes", { data: { pairId: first, decision: "rejected" }, headers: origin(page) });
  expect(vote.status()).toBe(200);
  expect(((await vote.json()) as { state: string }).state).toBe("disagreed");
  await other.close();

  await open(page, "/agreement");
  await expect(page.getByRole("table", { name: "Kappa per reviewer pair" })).toContainText("cy");
  const item = page.getByTestId("disagreement").filter({ hasText: `#${first}` });
  await expect(item).toContainText("accepted");
  await expect(item).toContainText("rejected");
  await snap(page, "agreement");
  await item.getByRole("button", { name: "Reject" }).click();
  await expect(page.getByTestId("disagreement").filter({ hasText: `#${first}` })).toHaveCount(0);
  expect(((await (await page.request.get(`/api/pairs/${first}`)).json()) as { status: string }).status).toBe("rejected");
});
