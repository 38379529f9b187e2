import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";

/** Opens a page and waits until React has hydrated it. */
export async function open(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector("html[data-hydrated='true']");
}

/** Saves a screenshot under .reports/screenshots for a person to look at. */
export async function snap(page: Page, name: string): Promise<void> {
  const dir = path.join(process.cwd(), ".reports", "screenshots");
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}
