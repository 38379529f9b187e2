// `npm test`: every suite — unit and integration (Vitest, real PostgreSQL) then end-to-end (Playwright,
// real Chromium against the built app) — and one closing line "N passed, N failed" over all of them.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { findChromium } from "./find-chromium.mjs";

const root = path.resolve(import.meta.dirname, "..");
const reports = path.join(root, ".reports");
fs.mkdirSync(reports, { recursive: true });
const e2eOnly = process.argv.includes("--e2e-only");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" };
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const run = (cmd, args, extraEnv = {}) => spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...env, ...extraEnv } }).status ?? 1;
const totals = { passed: 0, failed: 0, skipped: 0 };

if (!e2eOnly) {
  const out = path.join(reports, "vitest.json");
  fs.rmSync(out, { force: true });
  const status = run(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${out}`]);
  const r = readJson(out);
  if (r) {
    totals.passed += r.numPassedTests;
    totals.failed += r.numFailedTests;
    totals.skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  }
  if (status !== 0 && (!r || r.numFailedTests === 0)) totals.failed += 1; // the run itself broke (setup, import error)
}

if (!e2eOnly) {
  // Type errors are test failures: one step over the whole project, counted as one test.
  console.error("type-checking (tsc --noEmit)…");
  if (run(bin("tsc"), ["--noEmit", "-p", "."]) === 0) totals.passed += 1;
  else totals.failed += 1;
}

let browser = findChromium();
if (!browser && process.getuid?.() === 0 && fs.existsSync("/usr/bin/apt-get")) {
  console.error("no Chromium found: installing Debian's chromium (apt-get install chromium)…");
  run("sh", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null"]);
  browser = findChromium();
}
if (!browser) {
  console.error("No Chromium for the end-to-end tests. Install one: `sudo apt-get install chromium` (Debian/Ubuntu), " +
    "or `npx playwright install chromium` where the internet is reachable, or set PLAYWRIGHT_CHROMIUM_PATH.");
  totals.failed += 1;
} else {
  console.error("building the app for the end-to-end tests…");
  // A sentinel key in the build's environment: e2e/security.spec.ts proves it reaches no client bundle.
  const sentinel = "sk-in2-bundle-sentinel-7f3a9c";
  if (run(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"], { OPENAI_API_KEY: sentinel }) !== 0) {
    totals.failed += 1;
  } else {
    const out = path.join(reports, "playwright.json");
    fs.rmSync(out, { force: true });
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "in2-e2e-"));
    fs.chmodSync(dataDir, 0o755);
    const status = run(bin("playwright"), ["test", "--reporter=list,json"], {
      PLAYWRIGHT_CHROMIUM_PATH: browser, PLAYWRIGHT_JSON_OUTPUT_NAME: out, IN2_E2E_DATA_DIR: dataDir, IN2_BUNDLE_SENTINEL: sentinel,
    });
    const r = readJson(out);
    if (r) {
      totals.passed += r.stats.expected + r.stats.flaky;
      totals.failed += r.stats.unexpected;
      totals.skipped += r.stats.skipped;
    }
    if (status !== 0 && (!r || r.stats.unexpected === 0)) totals.failed += 1;
    stopLeftoverPostgres(path.join(dataDir, "pg"));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const line = `${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ""}`;
fs.writeFileSync(path.join(reports, "summary.txt"), `${line}\n`);
console.log(line);
process.exit(totals.failed ? 1 : 0);

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

/** A server whose owner was killed keeps running; stop it by the PID in its postmaster.pid. */
function stopLeftoverPostgres(pgdata) {
  try {
    const pid = Number(fs.readFileSync(path.join(fs.realpathSync(pgdata), "postmaster.pid"), "utf8").split("\n")[0]);
    process.kill(pid, "SIGINT");
    console.error(`stopped a leftover PostgreSQL (pid ${pid})`);
  } catch {
    // none running
  }
}
