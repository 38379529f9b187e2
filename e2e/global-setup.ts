import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { request, type FullConfig } from "@playwright/test";

/** The admin the end-to-end tests sign in as: created with the CLI, as an operator would. */
export const E2E_ADMIN = { email: "e2e-admin@in2.test", password: "e2e admin password" };
// one file per port: several e2e runs on one machine (each with its own server) must not share sessions
export const STORAGE_STATE = path.join(process.cwd(), ".reports", `e2e-auth-${process.env.IN2_E2E_PORT ?? 3123}.json`);

export default async function globalSetup(config: FullConfig) {
  const baseURL = config.projects[0]?.use.baseURL ?? "";
  const r = spawnSync(process.execPath, ["bin/in2.mjs", "user", "add", "--email", E2E_ADMIN.email, "--role", "admin", "--name", "E2E Admin"], {
    input: `${E2E_ADMIN.password}\n`, encoding: "utf8",
    env: { ...process.env, IN2_DATA_DIR: process.env.IN2_E2E_DATA_DIR, DATABASE_URL: "" },
  });
  if (r.status !== 0 && !r.stderr.includes("already exists")) throw new Error(`could not create the e2e admin: ${r.stderr}`);
  const ctx = await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  const res = await ctx.post("/api/auth/login", { data: E2E_ADMIN });
  if (!res.ok()) throw new Error(`e2e admin could not sign in: ${res.status()} ${await res.text()}`);
  fs.mkdirSync(path.dirname(STORAGE_STATE), { recursive: true });
  await ctx.storageState({ path: STORAGE_STATE });
  await ctx.dispose();
}
