import fs from "node:fs";
import path from "node:path";

/** Removes the throwaway data dir this config created (after the web server, and so its PostgreSQL, stopped). */
export default async function globalTeardown() {
  const dir = process.env.IN2_E2E_DATA_DIR;
  if (!dir || process.env.IN2_E2E_DATA_DIR_OWNED !== "1") return;
  const pgdata = path.join(dir, "pg");
  try {
    const pid = Number(fs.readFileSync(path.join(fs.realpathSync(pgdata), "postmaster.pid"), "utf8").split("\n")[0]);
    process.kill(pid, "SIGINT");
  } catch {
    // not running
  }
  try {
    fs.rmSync(fs.realpathSync(pgdata), { recursive: true, force: true });
  } catch {
    // never created
  }
  fs.rmSync(dir, { recursive: true, force: true });
}
