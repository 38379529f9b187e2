import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { E2E_ADMIN } from "./global-setup";
import { open, snap } from "./support/app";


const ORIGIN = { origin: `http://127.0.0.1:${process.env.IN2_E2E_PORT ?? 3123}` }; // the CSRF check wants it on writes

const stopped = (request: APIRequestContext, id: number) =>
  expect.poll(async () => ((await (await request.get(`/api/jobs/${id}`)).json()) as { status: string }).status, { timeout: 120_000 }).toMatch(/succeeded|failed|cancelled/);

async function ensureCorpus(request: APIRequestContext): Promise<void> {
  const { corpora } = await (await request.get("/api/corpora")).json() as { corpora: { segmentCount: number }[] };
  if (corpora.some((c) => c.segmentCount > 0)) return;
  const { jobId } = await (await request.post("/api/imports/demo", { headers: ORIGIN })).json() as { jobId: number };
  await stopped(request, jobId);
}

/** Offline pairs to review (the one path that needs no API key). */
async function pendingPairs(request: APIRequestContext, seed: number): Promise<number[]> {
  await ensureCorpus(request);
  const { jobId } = await (await request.post("/api/generate", { headers: ORIGIN, data: { type: "single", count: 12, provider: "offline", seed } })).json() as { jobId: number };
  await stopped(request, jobId);
  const { items } = await (await request.get(`/api/jobs/${jobId}/items?status=succeeded`)).json() as { items: { pairId: number }[] };
  return items.map((i) => i.pairId);
}

const toasts = (page: Page) => page.getByRole("status", { name: "Notifications" });

test.beforeEach(async ({ page, baseURL }) => {
  const res = await page.request.post("/api/auth/login", { data: E2E_ADMIN, headers: { origin: baseURL ?? "" } });
  expect(res.ok()).toBe(true);
});

test("4 · accept, reject and flag in review are confirmed by a toast once saved, and so is adding a user", async ({ page }) => {
  test.setTimeout(180_000);
  expect((await pendingPairs(page.request, 4041)).length).toBeGreaterThan(2);
  await open(page, "/review");
  const shown = page.getByTestId("review-pair");
  await expect(shown).toBeVisible();
  await expect(toasts(page)).toHaveAttribute("aria-live", "polite");
  for (const [key, word] of [["a", "Accepted"], ["x", "Rejected"], ["f", "Flagged"]] as const) {
    const id = await shown.getAttribute("data-pair-id");
    await page.keyboard.press(key);
    // shown once the server has the decision (the next pair is already on screen, or the queue is done)
    await expect(toasts(page)).toContainText(`${word} pair #${id}`);
  }
  await snap(page, "f-review-toasts");

  await open(page, "/settings");
  const email = `f-toast-${Date.now()}@in2.test`;
  await page.getByLabel("New user email").fill(email);
  await page.getByLabel("New user name").fill("Toast Tester");
  await page.getByLabel("New user password").fill("a long enough password");
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(toasts(page)).toContainText(`Added ${email} as reviewer`);
  await page.setViewportSize({ width: 420, height: 900 });
  await snap(page, "f-settings-toast-narrow");
});

test("7 · bulk actions are disabled with no match, and say why", async ({ page }) => {
  await open(page, "/pairs?q=zzzznothingmatcheszzzz");
  const bar = page.getByLabel("Bulk actions");
  await expect(bar).toContainText("All 0 matching");
  for (const name of ["Accept all…", "Reject all…", "Flag all…"]) await expect(bar.getByRole("button", { name })).toBeDisabled();
  await expect(page.getByTestId("bulk-disabled-reason")).toContainText("No pair matches this filter");
  await expect(bar.getByRole("button", { name: "Reject all…" })).toHaveAccessibleDescription(/No pair matches this filter/);
  await snap(page, "f-bulk-disabled");
  await open(page, "/pairs");
  await expect(page.getByLabel("Bulk actions").getByRole("button", { name: "Reject all…" })).toBeEnabled();
});

test("9 · edit boxes grow with a long question and quote instead of clipping them", async ({ page }) => {
  const ids = await pendingPairs(page.request, 9091);
  const id = ids[0]!;
  const p = await (await page.request.get(`/api/pairs/${id}`)).json() as { version: number; support: string[] };
  const long = Array.from({ length: 12 }, (_, i) => `clause ${i} of a deliberately long question that wraps over many lines`).join(", ") + "?";
  expect((await page.request.patch(`/api/pairs/${id}`, { headers: ORIGIN, data: { version: p.version, question: long } })).ok()).toBe(true);
  await open(page, `/pairs?open=${id}`);
  const drawer = page.getByRole("dialog", { name: `Pair #${id}` });
  await expect(drawer).toBeVisible();
  await drawer.getByRole("button", { name: /Edit/ }).first().click();
  const question = page.getByLabel("Question");
  await expect(question).toHaveValue(long);
  // the box is as tall as its text: nothing scrolls inside it
  const fits = await question.evaluate((el) => el.scrollHeight <= el.clientHeight + 2 && el.clientHeight > 80);
  expect(fits).toBe(true);
  await snap(page, "f-edit-grows");
});

test("10 · a new token is shown with a copy button and plain help text; /api/pairs returns whole questions", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await open(page, "/settings");
  const card = page.locator("div").filter({ has: page.getByRole("heading", { name: "API tokens" }) }).last();
  await expect(card).toContainText("Authorization: Bearer <token>");
  await expect(card).not.toContainText("`");
  await page.getByLabel("Token name").fill("f-e2e copy");
  await page.getByRole("button", { name: "Create token" }).click();
  const secret = (await page.getByTestId("new-token").textContent()) ?? "";
  expect(secret.length).toBeGreaterThan(20);
  await page.getByRole("button", { name: "Copy token" }).click();
  await expect(page.getByRole("button", { name: "Copy token" })).toContainText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  await snap(page, "f-token-copy");

  // no question is cut mid-word: the list returns the same text as the pair itself
  const { items } = await (await page.request.get("/api/pairs?limit=50")).json() as { items: { id: number; question: string }[] };
  for (const it of items.slice(0, 10)) {
    const full = await (await page.request.get(`/api/pairs/${it.id}`)).json() as { question: string };
    expect(it.question).toBe(full.question);
  }
});
