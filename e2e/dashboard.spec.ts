import { expect, test, type Request } from "@playwright/test";
import { E2E_ADMIN } from "./global-setup";
import { open, snap } from "./support/app";



const JOB_KINDS = "Import|Search index|Generation|Verification|Assembly|Assembly share|Export|Probe";
const JOB_LABEL = new RegExp(`^(${JOB_KINDS}) job #\\d+$`);

test.beforeEach(async ({ page, baseURL }) => {
  const res = await page.request.post("/api/auth/login", { data: E2E_ADMIN, headers: { origin: baseURL ?? "" } });
  expect(res.ok()).toBe(true);
});

test("12 · the dashboard counts in words, shows the next step of the journey and recent activity", async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  // a filled dashboard: at least the demo corpus
  const { corpora: list } = await (await page.request.get("/api/corpora")).json() as { corpora: unknown[] };
  if (!list.length) {
    const { jobId } = await (await page.request.post("/api/imports/demo", { headers: { origin: baseURL ?? "" } })).json() as { jobId: number };
    await expect.poll(async () => ((await (await page.request.get(`/api/jobs/${jobId}`)).json()) as { status: string }).status, { timeout: 120_000 }).toBe("succeeded");
  }
  const stats = await (await page.request.get("/api/stats")).json() as { corpora: number; recent: unknown[] };
  await open(page, "/");
  await expect(page.getByRole("main").getByText("Documents", { exact: true })).toBeVisible();
  await snap(page, "f-dashboard");
  await expect(page.getByText(stats.corpora === 1 ? "in 1 corpus" : `in ${stats.corpora} corpora`, { exact: true })).toBeVisible();
  expect(await page.getByRole("main").innerText()).not.toMatch(/\b1 (corpora|jobs|tokens|segments|pairs)\b/);
  if (stats.corpora > 0) {
    const next = page.getByTestId("next-step");
    await expect(next).toContainText("Next step");
    const link = next.getByRole("link");
    const href = await link.getAttribute("href");
    expect(["/corpora", "/generate", "/review", "/contexts", "/export", "/probe"]).toContain(href);
  }
  const recent = page.getByTestId("recent-activity");
  await expect(recent).toContainText("Recent activity");
  if (stats.recent.length) {
    // 6 · one kind of id per object, always labelled
    for (const label of await recent.getByRole("link").filter({ hasText: /job #/ }).allTextContents()) expect(label).toMatch(JOB_LABEL);
  }
  await snap(page, "f-dashboard");
  await page.setViewportSize({ width: 420, height: 900 });
  await snap(page, "f-dashboard-narrow");
});

test("6 · jobs, pairs, segments and probe runs are named with their kind and id everywhere", async ({ page }) => {
  await open(page, "/jobs");
  const cells = await page.getByRole("table", { name: "Jobs" }).locator("tbody tr td:first-child button").allTextContents();
  for (const c of cells) expect(c).toMatch(JOB_LABEL);
  await open(page, "/generate");
  const text = await page.getByRole("main").innerText();
  for (const m of text.matchAll(/(\S+) job #\d+/g)) expect(JOB_KINDS.split("|").map((k) => k.split(" ").pop())).toContain(m[1]); // the label's last word
  expect(text).not.toMatch(/\b(job|run|export) \d+\b/i);
  const { items } = await (await page.request.get("/api/pairs?limit=1&status=pending")).json() as { items: { id: number }[] };
  if (items.length) {
    await open(page, "/review");
    await expect(page.getByTestId("review-pair")).toContainText(/Pair #\d+/);
    await expect(page.getByTestId("review-pair")).toContainText(/Segment #\d+/);
  }
  await snap(page, "f-labels-review");
});

test("13 · a page prefetches the next step of the journey, not every route", async ({ page }) => {
  test.setTimeout(120_000);
  const prefetched: string[] = [];
  const aborted: string[] = [];
  const isPrefetch = (r: Request) => r.url().includes("_rsc=") && (r.headers()["next-router-prefetch"] === "1" || r.headers()["purpose"] === "prefetch");
  page.on("request", (r) => { if (isPrefetch(r)) prefetched.push(new URL(r.url()).pathname); });
  page.on("requestfailed", (r) => { if (r.url().includes("_rsc=")) aborted.push(new URL(r.url()).pathname); });
  const walk = ["/", "/corpora", "/documents", "/segments", "/generate", "/review", "/pairs", "/contexts", "/export", "/probe", "/jobs", "/settings"];
  for (const url of walk) {
    const before = prefetched.length;
    await open(page, url);
    await page.waitForTimeout(400); // viewport prefetches fire right after hydration
    const routes = new Set(prefetched.slice(before));
    // the nav prefetches the next page of the journey, and a page at most its own "next step" links
    expect(routes.size, `${url} prefetched ${[...routes].join(", ")}`).toBeLessThanOrEqual(3);
  }
  // 12 pages once prefetched every route from both navigations (604 aborted _rsc requests in a longer walk)
  console.log(JSON.stringify({ pages: walk.length, prefetchRequests: prefetched.length, routes: new Set(prefetched).size, abortedRsc: aborted.length }));
  expect(prefetched.length).toBeLessThanOrEqual(walk.length * 6);
  expect(aborted.length).toBeLessThanOrEqual(walk.length * 3);
});
