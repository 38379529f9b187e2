import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { open } from "./support/app";

/** Security as a user (or an attacker) meets it: sign-in gate, headers, CSRF, secrets, hostile corpus text. */

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

test("the OpenAI key of the build environment reaches no client bundle", () => {
  const sentinel = process.env.IN2_BUNDLE_SENTINEL;
  test.skip(!sentinel, "run through npm test, which builds with a sentinel key");
  const files = filesUnder(path.join(process.cwd(), process.env.IN2_NEXT_DIST ?? ".next", "static"));
  expect(files.length).toBeGreaterThan(5);
  for (const f of files) expect(fs.readFileSync(f, "utf8").includes(sentinel!), f).toBe(false);
});

test("pages carry a nonce-based Content-Security-Policy and the usual security headers", async ({ page }) => {
  const res = await page.goto("/");
  const h = res!.headers();
  expect(h["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["x-frame-options"]).toBe("DENY");
});

test("a cross-site state change is refused even with a valid session", async ({ request }) => {
  const res = await request.post("/api/imports/demo", { headers: { origin: "https://evil.example" } });
  expect(res.status()).toBe(403);
  expect((await res.json()).error.message).toContain("cross-site");
});

test("without a session, pages lead to sign-in and the API answers 401", async ({ browser }) => {
  const ctx = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await ctx.newPage();
  await page.goto("/segments");
  await expect(page).toHaveURL(/\/login\?next=%2Fsegments/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  const api = await ctx.request.get("/api/corpora");
  expect(api.status()).toBe(401);
  await ctx.close();
});

async function noScriptRan(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
}

test("hostile corpus text is shown as text in every view and never runs", async ({ page }) => {
  const seeded = spawnSync(process.execPath, ["--import", "tsx", "e2e/support/seed-hostile.ts"], {
    encoding: "utf8", env: { ...process.env, IN2_DATA_DIR: process.env.IN2_E2E_DATA_DIR, DATABASE_URL: "" },
  });
  expect(seeded.status, seeded.stderr).toBe(0);
  const { corpusId, pairIds, documentIds } = JSON.parse(seeded.stdout.trim().split("\n").pop()!);
  const dialogs: string[] = [];
  page.on("dialog", (d) => { dialogs.push(d.message()); void d.dismiss(); });

  await open(page, `/documents?corpusId=${corpusId}`);
  await expect(page.getByText("<script>window.__xss=1</script>", { exact: false }).first()).toBeVisible();
  await open(page, `/documents/${documentIds[0]}`);
  await expect(page.getByTestId("segment").first()).toContainText("<script>window.__xss=1</script>");
  await open(page, `/documents/${documentIds[2]}`);
  await expect(page.getByTestId("segment").first()).toContainText("x".repeat(200));
  await open(page, `/segments?corpusId=${corpusId}`);
  await expect(page.getByRole("list", { name: "Segments" })).toContainText("<script>window.__xss=1</script>");
  await expect(page.getByRole("list", { name: "Segments" })).toContainText('<a href="javascript:window.__xss=3">');
  await noScriptRan(page);

  for (const url of ["/pairs", "/review", "/contexts", `/contexts/${pairIds[1]}`]) {
    await open(page, url);
    await page.waitForTimeout(500);
    await noScriptRan(page);
  }
  await open(page, `/pairs?q=council`);
  await expect(page.getByText("<script>window.__xss=7</script>", { exact: false }).first()).toBeVisible();
  expect(dialogs).toEqual([]);
  await noScriptRan(page);
});
