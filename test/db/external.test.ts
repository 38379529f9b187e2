import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startIndependentPostgres, type IndependentPostgres } from "../support/independent-postgres";
import { runCli } from "../support/cli";

/**
 * With DATABASE_URL set, the app uses that server: here a second PostgreSQL started independently of the
 * app's own code (Debian's server when installed, else the packaged binaries through pg_ctl).
 */
let server: IndependentPostgres;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "in2-ext-data-"));

beforeAll(async () => {
  server = await startIndependentPostgres();
});

afterAll(async () => {
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("DATABASE_URL", () => {
  it("points the CLI at an external server: migrations are applied there and no embedded server is created", async () => {
    const fixture = path.join(process.cwd(), "data", "fixtures", "c4-gz", "c4-sample.02.json.gz");
    const r = await runCli(["import", fixture, "--corpus", "external"], { DATABASE_URL: server.url, IN2_DATA_DIR: dataDir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json).toMatchObject({ corpus: "external", documents: { imported: 10 } });
    expect(fs.existsSync(path.join(dataDir, "pg"))).toBe(false);

    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    const { rows } = await client.query<{ version: string; docs: number }>(
      `SELECT current_setting('server_version') AS version, (SELECT count(*)::int FROM document) AS docs`);
    await client.end();
    expect(rows[0]!.docs).toBe(10);
    expect(rows[0]!.version.split(" ")[0]).toBe(server.version);
  });
});
