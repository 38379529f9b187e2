import { expect, test } from "@playwright/test";
import { open, snap } from "./support/app";

/** Settings as an admin meets it: own account, tokens with expiry, users' lifecycle, endpoints with write-only keys, the security log. */
const ORIGIN = { origin: `http://127.0.0.1:${process.env.IN2_E2E_PORT ?? 3123}` };
const KEY = "sk-e2e-settings-key-7Q4Z";

test("an admin manages endpoints (the key never comes back), a user's lifecycle and reads the security log", async ({ page }) => {
  await open(page, "/settings");
  await expect(page.getByRole("navigation", { name: "Settings sections" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();

  // an endpoint with a key: shown as its last 4 characters only, in the page and in every API answer
  await page.getByLabel("Endpoint name").fill("lab-vllm");
  await page.getByLabel("Endpoint base URL").fill("http://127.0.0.1:8000/v1");
  await page.getByLabel("Endpoint models").fill("In2Training/FILM-7B, mistral-7b");
  await page.getByLabel("Endpoint API key").fill(KEY);
  await page.getByRole("button", { name: "Add endpoint" }).click();
  await expect(page.getByText(/loopback or private address/)).toBeVisible();
  await page.getByLabel("Allow loopback and private addresses").check();
  await page.getByRole("button", { name: "Add endpoint" }).click();
  const item = page.getByRole("listitem").filter({ hasText: "lab-vllm" });
  await expect(item).toContainText("key …7Q4Z");
  await expect(item).toContainText("private addresses allowed");
  expect(await page.content()).not.toContain(KEY);
  expect(await (await page.request.get("/api/endpoints")).text()).not.toContain(KEY);

  // a user: added, disabled (their token stops at once), enabled, password reset
  const email = `life-${Date.now()}@in2.test`;
  await page.getByLabel("New user email").fill(email);
  await page.getByLabel("New user password").fill("a long enough password");
  await page.getByRole("button", { name: "Add user" }).click();
  const row = page.getByRole("row").filter({ hasText: email });
  await expect(row).toContainText("active");
  await row.getByRole("button", { name: `Disable ${email}` }).click();
  await expect(row).toContainText("disabled");
  await row.getByRole("button", { name: `Enable ${email}` }).click();
  await expect(row).toContainText("active");
  await row.getByRole("button", { name: `Reset password of ${email}` }).click();
  await page.getByLabel(`New password for ${email}`).fill("reset by the admin");
  await page.getByRole("button", { name: "Set password", exact: true }).click();
  await expect(page.getByText(`New password set for ${email}`)).toBeVisible();

  // a token with an expiry
  await page.getByLabel("Token name").fill("e2e expiring");
  await page.getByLabel("Token expires after").selectOption("30");
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: "e2e expiring" })).toContainText(/expires/);

  // the security log shows what just happened
  await page.getByRole("navigation", { name: "Settings sections" }).getByRole("link", { name: "Security log" }).click();
  const log = page.locator("#security-log").getByRole("table");
  await page.reload();
  await page.waitForSelector("html[data-hydrated='true']");
  await expect(log.getByText("endpoint created").first()).toBeVisible();
  await expect(log.getByText("user disabled").first()).toBeVisible();
  await expect(log.getByText("password reset").first()).toBeVisible();
  await expect(log.getByText("token created").first()).toBeVisible();
  await snap(page, "settings-security");
  await page.setViewportSize({ width: 420, height: 900 });
  await snap(page, "settings-security-narrow");

  // a probe run cannot take a raw URL
  const raw = await page.request.post("/api/probe/runs", { headers: ORIGIN, data: { setId: 1, model: "m", baseUrl: "http://127.0.0.1:9/v1" } });
  expect(raw.status()).toBe(400);
});
