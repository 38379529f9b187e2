import { expect, test } from "@playwright/test";
import { open, snap } from "./support/app";

/** The REST API's OpenAPI document, served as JSON and rendered as a page. */
test("the API docs page lists every operation with its role, parameters and body schema", async ({ page, request }) => {
  const res = await request.get("/api/openapi.json");
  expect(res.status()).toBe(200);
  const doc = await res.json() as { openapi: string; paths: Record<string, Record<string, { "x-role": string }>> };
  expect(doc.openapi).toBe("3.1.0");
  const operations = Object.values(doc.paths).reduce((n, p) => n + Object.keys(p).length, 0);
  expect(operations).toBeGreaterThan(50);

  // reached from Settings, where API tokens are made
  await open(page, "/settings");
  await page.getByRole("link", { name: "API docs" }).click();
  await expect(page).toHaveURL(/\/api-docs$/);
  await expect(page.getByRole("heading", { name: "REST API" })).toBeVisible();
  await expect(page.getByText(`${operations} operations`)).toBeVisible();
  const jobs = page.locator("details", { has: page.locator("code", { hasText: /^\/api\/jobs$/ }) });
  await expect(jobs.first()).toContainText("viewer");
  await jobs.first().locator("summary").click();
  await expect(jobs.first().getByRole("row", { name: /status\s+query/ })).toContainText('"queued" | "running"');

  const generate = page.locator("details", { has: page.locator("code", { hasText: /^\/api\/generate$/ }) }).first();
  await generate.locator("summary").click();
  await expect(generate).toContainText("curator");
  await expect(generate).toContainText("JSON body");
  await expect(generate).toContainText('"single" | "multi"');
  await snap(page, "api-docs");
  await generate.scrollIntoViewIfNeeded();
  await page.screenshot({ path: ".reports/screenshots/api-docs-generate.png" });
  await page.setViewportSize({ width: 390, height: 800 });
  await snap(page, "api-docs-narrow");
  await jobs.first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: ".reports/screenshots/api-docs-narrow-jobs.png" });
});
