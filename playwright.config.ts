import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
// @ts-expect-error -- a plain .mjs helper shared with scripts/test-all.mjs
import { findChromium } from "./scripts/find-chromium.mjs";

/**
 * End-to-end tests drive the built app (`in2 serve`, i.e. `npm start`) in real Chromium. The server runs
 * on its own embedded PostgreSQL in a throwaway data dir, so the tests never touch the user's data.
 */
const PORT = Number(process.env.IN2_E2E_PORT ?? 3123);
// npm test passes a data dir (and removes it); a direct `playwright test` gets one that global-teardown removes
if (!process.env.IN2_E2E_DATA_DIR) {
  process.env.IN2_E2E_DATA_DIR = path.join(os.tmpdir(), `in2-e2e-${process.pid}`);
  process.env.IN2_E2E_DATA_DIR_OWNED = "1";
}
const dataDir = process.env.IN2_E2E_DATA_DIR;

export default defineConfig({
  testDir: "e2e",
  globalSetup: "./e2e/global-setup.ts",
  globalTeardown: "./e2e/global-teardown.ts",
  outputDir: ".reports/playwright-output",
  fullyParallel: false,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  retries: 0,
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    // signed in as the admin created by e2e/global-setup.ts
    storageState: path.join(process.cwd(), ".reports", `e2e-auth-${PORT}.json`),
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: (findChromium() as string | undefined) ?? undefined,
      args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  // corpus.spec.ts starts from an empty app (the first-run experience), so it runs before every other spec,
  // which seed data of their own.
  projects: [
    { name: "first-run", testMatch: /corpus\.spec\.ts$/ },
    { name: "app", testIgnore: /corpus\.spec\.ts$/, dependencies: ["first-run"] },
  ],
  webServer: {
    command: `node bin/in2.mjs serve --port ${PORT} --host 127.0.0.1`,
    url: `http://127.0.0.1:${PORT}/api/stats`,
    reuseExistingServer: false,
    timeout: 180_000,
    // SIGTERM lets `in2 serve` stop its PostgreSQL (Playwright's default, SIGKILL, would orphan it)
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    stdout: "ignore",
    stderr: "pipe",
    env: { IN2_DATA_DIR: dataDir, DATABASE_URL: "", IN2_JOB_LEASE_SECONDS: "5", NEXT_TELEMETRY_DISABLED: "1" },
  },
});
