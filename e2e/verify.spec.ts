import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { open, snap } from "./support/app";

test.describe.configure({ mode: "serial" });

interface Summary { verified: number; passed: number; flagged: number; verdicts: Record<string, number> }
let summary: Summary;

/** Corpus-real pairs in the running server's database, verified by the offline reader through the CLI. */
test.beforeAll(() => {
  const env: NodeJS.ProcessEnv = { ...process.env, IN2_DATA_DIR: process.env.IN2_E2E_DATA_DIR, OPENAI_API_KEY: "" };
  delete env.DATABASE_URL;
  execFileSync(process.execPath, ["--import", "tsx", "test/review/seed-e2e.ts", "24"], { env, encoding: "utf8", timeout: 120_000 });
  const out = execFileSync(process.execPath, ["bin/in2.mjs", "verify", "--provider", "offline", "--wait"], { env, encoding: "utf8", timeout: 120_000 });
  summary = JSON.parse(out.trim().split("\n").pop() ?? "{}") as Summary;
  expect(summary.verified).toBeGreaterThan(0);
});

test("the pairs table shows verdict badges, filters by verdict, and opens a pair's checks with the model's replies", async ({ page }) => {
  await open(page, "/pairs");
  await expect(page.getByRole("row").nth(1)).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Verdicts · flags" })).toBeVisible();
  await expect(page.getByText(/✓ verified|✗ /).filter({ visible: true }).first()).toBeVisible();
  await snap(page, "verify-pairs");

  await page.getByLabel("Model verdict").selectOption(summary.flagged > 0 ? "failed" : "passed");
  await expect(page).toHaveURL(/verdict=/);
  const rows = page.getByRole("row");
  await expect(rows.nth(1)).toBeVisible();
  await expect(page.getByRole("table", { name: "Pairs" }).getByText(summary.flagged > 0 ? /✗ / : /✓ verified/).filter({ visible: true }).first()).toBeVisible();
  await rows.filter({ hasText: summary.flagged > 0 ? "✗" : "✓ verified" }).first().click();
  const drawer = page.getByRole("dialog", { name: /Pair #/ });
  await expect(drawer).toBeVisible();
  const panel = drawer.getByTestId("verification-panel");
  await expect(panel).toContainText("offline (not an LLM)");
  await panel.getByRole("button", { name: /Show the model's replies/ }).click();
  await expect(panel.getByRole("list", { name: "Checks" })).toContainText("Closed-book");
  await expect(panel.getByLabel("Raw reply").first()).toContainText('"answerable"');
  await snap(page, "verify-pair-drawer");

  await page.getByRole("button", { name: "Close" }).click();
  await page.getByRole("button", { name: "Verify with a model…" }).click();
  await expect(page.getByRole("status").filter({ hasText: /checks/ })).toContainText(/pairs · \d+ checks/);
  await snap(page, "verify-start");
});

test("review shows the verdict with its reason, and the checks one click away", async ({ page }) => {
  await open(page, "/review");
  const panel = page.getByTestId("verification-panel");
  await expect(panel).toBeVisible();
  await expect(panel).toContainText(/Passed every check|✗|Not verified yet/);
  await panel.getByRole("button", { name: /Show the model's replies/ }).click();
  await expect(panel.getByLabel("Raw reply").first()).toBeVisible();
  await snap(page, "verify-review");
});

test("the Contexts balance shows the dataset's verification coverage", async ({ page }) => {
  await open(page, "/contexts");
  const card = page.getByRole("region", { name: "Verification coverage" }).or(page.locator("[aria-label='Verification coverage']"));
  await expect(card).toContainText("Verified");
  await expect(card).toContainText(`${summary.verified}`);
  await card.scrollIntoViewIfNeeded();
  await snap(page, "verify-coverage");
});
