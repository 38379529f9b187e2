import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pool } from "@/lib/db/client";
import { runCli } from "../support/cli";
import { useTestDatabase } from "../support/db";

/** The operator's side on the server itself: `in2 user …` and `in2 endpoint …`, as a person would run them. */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "in2-cli-sec-"));
const env = { IN2_DATA_DIR: dataDir, IN2_SECRET: "", OPENAI_API_KEY: "", OPENAI_BASE_URL: "" };
const KEY = "sk-cli-endpoint-key-W9X8";

beforeAll(async () => {
  await useTestDatabase();
});
afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("in2 user", () => {
  it("adds, disables, enables, resets a password, sets a role, removes; every change is audited", async () => {
    const add = await runCli(["user", "add", "--email", "ops@cli.test", "--role", "curator"], env, "cli password one\n");
    expect(add.code, add.stderr).toBe(0);
    const dis = await runCli(["user", "disable", "--email", "ops@cli.test"], env);
    expect(dis.code, dis.stderr).toBe(0);
    expect((dis.json as { user: { status: string } }).user.status).toBe("disabled");
    const en = await runCli(["user", "enable", "--email", "ops@cli.test"], env);
    expect((en.json as { user: { status: string } }).user.status).toBe("active");
    const reset = await runCli(["user", "reset-password", "--email", "ops@cli.test"], env, "cli password two\n");
    expect(reset.code, reset.stderr).toBe(0);
    const role = await runCli(["user", "set-role", "--email", "ops@cli.test", "--role", "viewer"], env);
    expect((role.json as { user: { role: string } }).user.role).toBe("viewer");
    const rm = await runCli(["user", "remove", "--email", "ops@cli.test"], env);
    expect((rm.json as { user: { status: string } }).user.status).toBe("removed");
    const bad = await runCli(["user", "explode", "--email", "ops@cli.test"], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/disable, enable, remove, reset-password, set-role/);
    const { rows } = await pool().query<{ action: string }>(`SELECT action FROM audit_event WHERE target = 'ops@cli.test' ORDER BY id`);
    expect(rows.map((r) => r.action)).toEqual(["user_created", "user_disabled", "user_enabled", "password_reset", "role_changed", "user_removed"]);
  });
});

describe("in2 endpoint", () => {
  it("adds an endpoint with a key from stdin, lists it with the last 4 only, refuses loopback without --allow-private, removes it", async () => {
    const refused = await runCli(["endpoint", "add", "--name", "lab", "--base-url", "http://127.0.0.1:8000/v1"], env);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/loopback or private/);
    const add = await runCli(["endpoint", "add", "--name", "lab", "--base-url", "http://127.0.0.1:8000/v1", "--model", "a", "--model", "b", "--allow-private", "--key-stdin"], env, `${KEY}\n`);
    expect(add.code, add.stderr).toBe(0);
    expect(add.stdout + add.stderr).not.toContain(KEY);
    // no IN2_SECRET: the secret file was made in the data dir, readable by the owner only
    expect(fs.statSync(path.join(dataDir, "secret.key")).mode & 0o777).toBe(0o600);
    const list = await runCli(["endpoint", "list"], env);
    expect(list.stdout).not.toContain(KEY);
    expect((list.json as { endpoints: { name: string; keyLast4: string; models: string[] }[] }).endpoints).toEqual([
      expect.objectContaining({ name: "lab", keyLast4: "W9X8", models: ["a", "b"] }),
    ]);
    const rm = await runCli(["endpoint", "remove", "--name", "lab"], env);
    expect(rm.code, rm.stderr).toBe(0);
    expect((await runCli(["endpoint", "list"], env)).json).toEqual({ endpoints: [] });
  });
});
