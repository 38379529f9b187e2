import { expect, test } from "@playwright/test";
import { databaseOracle, startFakeOpenAi, type FakeOpenAi } from "../test/probe/fake-openai";
import { open, snap } from "./support/app";

test.describe.configure({ mode: "serial" });

let server: FakeOpenAi;
test.beforeAll(async () => {
  // "fake-7b" finds every entity in the first 50 positions and none after (Avg 50, Gap 100); "fake-perfect" finds all.
  const early = databaseOracle((position) => position < 50);
  const perfect = databaseOracle(() => true);
  server = await startFakeOpenAi((prompt, req) => (req.model === "fake-perfect" ? perfect(prompt) : early(prompt)));
});
test.afterAll(async () => {
  await server.close();
});

test("a probing set built in the UI is listed, runs against a model endpoint and shows its position curve", async ({ page }) => {
  await open(page, "/probe");
  await expect(page.getByText("No probing set yet")).toBeVisible();
  await expect(page.getByTestId("paper-reference")).toHaveCount(3);
  await snap(page, "probe-empty");

  await page.getByLabel("Style").selectOption("database");
  await page.getByLabel("Tokens per context").fill("4096");
  await page.getByLabel("Contexts").fill("2");
  await page.getByLabel("Seed").fill("e2e");
  await page.getByRole("button", { name: "Build set" }).click();
  const row = page.getByTestId("probe-sets").getByRole("row", { name: /database 4K · seed e2e/ });
  await expect(row).toBeVisible();
  await expect(row).toContainText("2 ×");
  await expect(row.getByRole("link", { name: "JSONL" })).toHaveAttribute("href", /\/api\/probe\/sets\/\d+\/export/);

  // an admin's endpoint (the fake listens on 127.0.0.1: private addresses explicitly allowed); a run names it
  const ORIGIN = { origin: `http://127.0.0.1:${process.env.IN2_E2E_PORT ?? 3123}` };
  const ep = await page.request.post("/api/endpoints", { headers: ORIGIN, data: { name: "fake-local", baseUrl: server.url, allowPrivate: true } });
  expect(ep.ok(), await ep.text()).toBe(true);
  await page.reload();
  await row.getByRole("button", { name: /Run set/ }).click();
  await page.getByLabel("Model").fill("fake-7b");
  await page.getByLabel("Endpoint").selectOption("fake-local");
  await page.getByRole("button", { name: "Start run" }).click();
  const runs = page.getByTestId("probe-runs");
  await expect(runs.getByText("succeeded")).toBeVisible({ timeout: 60_000 });
  const chart = page.getByTestId("probe-chart-database");
  await expect(chart.locator(".recharts-line")).toHaveCount(1);
  await expect(chart.getByRole("row", { name: /fake-7b/ })).toContainText("50.0");
  await expect(chart.getByRole("row", { name: /fake-7b/ })).toContainText("100.0");
  await expect(page.getByTestId("probe-summary")).toContainText("50.0 / 100.0");
  expect(server.requests.every((r) => r.temperature === 0 && r.max_tokens === 128)).toBe(true);

  // A second model on the same set: both curves on one chart, both rows in the summary.
  await page.getByLabel("Model").fill("fake-perfect");
  await page.getByRole("button", { name: "Start run" }).click();
  await expect(runs.getByText("succeeded")).toHaveCount(2, { timeout: 60_000 });
  await expect(chart.locator(".recharts-line")).toHaveCount(2);
  await expect(chart.getByRole("row", { name: /fake-perfect/ })).toContainText("100.0");
  await expect(page.getByTestId("probe-summary")).toContainText("100.0 / 0.0");
  await snap(page, "probe");
  await page.setViewportSize({ width: 420, height: 900 });
  await snap(page, "probe-narrow");
});
