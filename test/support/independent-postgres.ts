import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "@/lib/db/cluster";
import { pgBinDir, postgresUser } from "@/lib/db/pg-native";

export interface IndependentPostgres { url: string; version: string; stop(): Promise<void> }

/** A PostgreSQL server started with initdb + pg_ctl, as an administrator would, not by the app's code. */
export async function startIndependentPostgres(): Promise<IndependentPostgres> {
  const debian = fs.existsSync("/usr/lib/postgresql")
    ? fs.readdirSync("/usr/lib/postgresql").map((v) => `/usr/lib/postgresql/${v}/bin`).find((d) => fs.existsSync(`${d}/pg_ctl`))
    : undefined;
  const bin = debian ?? pgBinDir();
  const runAs = postgresUser();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "in2-ext-pg-"));
  fs.chmodSync(dir, 0o755);
  const pgdata = path.join(dir, "data");
  const pw = crypto.randomBytes(12).toString("hex");
  const pwfile = path.join(dir, "pw");
  fs.writeFileSync(pwfile, `${pw}\n`);
  if (runAs) { fs.chownSync(dir, runAs.uid, runAs.gid); fs.chownSync(pwfile, runAs.uid, runAs.gid); }
  const as = runAs ? { uid: runAs.uid, gid: runAs.gid } : {};
  const exec = (cmd: string, args: string[]) => {
    const r = spawnSync(path.join(bin, cmd), args, { ...as, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
    return r.stdout;
  };
  exec("initdb", ["-D", pgdata, "-U", "admin", `--pwfile=${pwfile}`, "--auth=scram-sha-256", "-E", "UTF8", "--locale=C"]);
  const port = await freePort();
  exec("pg_ctl", ["-D", pgdata, "-l", path.join(dir, "log"), "-w", "-o", `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='${dir}' -c fsync=off`, "start"]);
  const version = fs.readFileSync(path.join(pgdata, "PG_VERSION"), "utf8").trim();
  const full = exec("postgres", ["--version"]).match(/(\d+\.\d+)/)?.[1] ?? version;
  return {
    url: `postgresql://admin:${pw}@127.0.0.1:${port}/postgres`,
    version: full,
    async stop() {
      spawnSync(path.join(bin, "pg_ctl"), ["-D", pgdata, "-m", "fast", "-w", "stop"], as);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
