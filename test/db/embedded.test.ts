import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { socketDirFor, startCluster } from "@/lib/db/cluster";
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

  it("connects the app through a Unix socket in the data directory, and over TCP when that path would be too long", async () => {
    delete process.env.DATABASE_URL;
    process.env.IN2_DATA_DIR = dataDir;
    // inet_server_addr() is NULL on a Unix-socket connection, the server's address on a TCP one
    const via = (url: string) => withPool(url, async (p) => (await p.query<{ a: string | null }>("SELECT host(inet_server_addr()) AS a")).rows[0]!.a);
    const app = await ensureDatabase();
    try {
      expect(app.cluster?.socketDir).toBe(fs.realpathSync(path.join(dataDir, "pg")));
      expect(new URL(app.url).searchParams.get("host")).toBe(app.cluster!.socketDir);
      expect(await via(app.url)).toBeNull();
      // a second process finds the socket in postmaster.pid and uses it too; 127.0.0.1 still listens
      const again = await ensureDatabase();
      expect(again.cluster?.owned).toBe(false);
      expect(await via(again.url)).toBeNull();
      const tcp = new URL(app.url);
      tcp.search = "";
      expect(await via(tcp.toString())).toBe("127.0.0.1");
    } finally {
      await app.close();
    }

    // sun_path holds 107 bytes: a deeper data directory gets no socket, and the URL stays on TCP
    const deep = path.join(dataDir, "d".repeat(Math.max(1, 100 - dataDir.length)), "pg");
    expect(socketDirFor(path.join(dataDir, "pg"), 65535)).toBeDefined();
    expect(socketDirFor(deep, 5432)).toBeUndefined();
    const cluster = await startCluster({ dataDir: deep, throwaway: true });
    try {
      expect(cluster.socketDir).toBeUndefined();
      expect(new URL(cluster.url("postgres")).search).toBe("");
      expect(await via(cluster.url("postgres"))).toBe("127.0.0.1");
    } finally {
      await cluster.stop();
    }
  });
});
