import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";

/** Scripts and the CLI reach a remote server with an API token; a revoked token stops working at once. */
test("the CLI imports into a remote server with an API token, and is refused once the token is revoked", async ({ request }) => {
  const baseURL = test.info().project.use.baseURL!;
  const created = await request.post("/api/tokens", { data: { name: "remote cli" }, headers: { origin: baseURL } });
  expect(created.status()).toBe(200);
  const { token, row } = await created.json();

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "in2-remote-"));
  const file = path.join(dir, "remote.jsonl");
  fs.writeFileSync(file, [
    JSON.stringify({ text: "The ferry timetable changes next month, the harbour office said on Friday." }),
    JSON.stringify({ text: "A new bakery opened on the corner of Mill Road and Station Street." }),
    "not json",
  ].join("\n"));
  // no local database: IN2_DATA_DIR points nowhere useful, and nothing may be created there
  const env = { ...process.env, IN2_URL: baseURL, IN2_TOKEN: token, DATABASE_URL: "", IN2_DATA_DIR: path.join(dir, "unused") };
  const cli = (args: string[]) => spawnSync(process.execPath, ["bin/in2.mjs", ...args], { encoding: "utf8", env });

  const imported = cli(["import", file, "--corpus", "remote-cli"]);
  expect(imported.status, imported.stderr).toBe(0);
  expect(JSON.parse(imported.stdout)).toMatchObject({ corpus: "remote-cli", documents: { imported: 2, duplicates: 0 }, skipped: [{ line: 3 }] });
  const stats = cli(["stats"]);
  expect(JSON.parse(stats.stdout).corpora.map((c: { name: string }) => c.name)).toContain("remote-cli");
  expect(fs.existsSync(path.join(dir, "unused"))).toBe(false);

  expect((await request.delete(`/api/tokens/${row.id}`, { headers: { origin: baseURL } })).status()).toBe(200);
  const refused = cli(["stats"]);
  expect(refused.status).toBe(1);
  expect(refused.stderr).toContain("answered 401");
  // every command but the two that run on the server's machine works remotely; those say why they cannot
  const unsupported = cli(["worker"]);
  expect(unsupported.status).toBe(2);
  expect(unsupported.stderr).toContain("not available against a remote server (IN2_URL): a worker claims jobs straight from the server's PostgreSQL");
  fs.rmSync(dir, { recursive: true, force: true });
});
