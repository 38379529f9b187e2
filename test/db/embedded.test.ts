import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { ensureDatabase, withPool } from "@/lib/db/database";
import { runCli } from "../support/cli";

/** The embedded default: no DATABASE_URL, data under IN2_DATA_DIR/pg, reused across starts and processes. */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "in2-embedded-"));
fs.chmodSync(dataDir, 0o755);
const saved = { url: process.env.DATABASE_URL, dir: process.env.IN2_DATA_DIR };

afterAll(() => {
  process.env.DATABASE_URL = saved.url;
  process.env.IN2_DATA_DIR = saved.dir;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("embedded PostgreSQL", () => {
  it("starts on first use, applies the migrations, and keeps the data across restarts", async () => {
    delete process.env.DATABASE_URL;
    process.env.IN2_DATA_DIR = dataDir;
    const first = await ensureDatabase();
    expect(first.mode).toBe("embedded");
    expect(first.cluster?.owned).toBe(true);
    await withPool(first.url, (p) => p.query(`INSERT INTO corpus (name, tokenizer) VALUES ('kept', 'mistral')`));
    await first.close();
    await expect(withPool(first.url, (p) => p.query("SELECT 1"))).rejects.toThrow();

    const second = await ensureDatabase();
    const { rows } = await withPool(second.url, (p) => p.query<{ name: string }>("SELECT name FROM corpus"));
    expect(rows.map((r) => r.name)).toEqual(["kept"]);
    const { rows: migrations } = await withPool(second.url, (p) => p.query(`SELECT name FROM "_in2_migrations"`));
    expect(migrations.length).toBeGreaterThanOrEqual(2);
    await second.close();
  });

  it("lets the CLI use the server a running app already started, instead of starting a second one", async () => {
    delete process.env.DATABASE_URL;
    process.env.IN2_DATA_DIR = dataDir;
    const app = await ensureDatabase();
    try {
      const pid = app.cluster!.pid;
      const fixture = path.join(process.cwd(), "data", "fixtures", "c4-gz", "c4-sample.01.json.gz");
      const r = await runCli(["import", fixture, "--corpus", "shared"], { IN2_DATA_DIR: dataDir, DATABASE_URL: "" });
      expect(r.code, r.stderr).toBe(0);
      expect(r.json).toMatchObject({ corpus: "shared", documents: { imported: 10, duplicates: 0 } });
      // the app's server is still the one running, and it holds what the CLI imported
      expect(fs.readFileSync(path.join(fs.realpathSync(path.join(dataDir, "pg")), "postmaster.pid"), "utf8").split("\n")[0]).toBe(String(pid));
      const client = new pg.Client({ connectionString: app.url });
      await client.connect();
      const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM document d JOIN corpus c ON c.id = d.corpus_id WHERE c.name = 'shared'`);
      await client.end();
      expect(rows[0]!.n).toBe(10);
    } finally {
      await app.close();
    }
  });
});
