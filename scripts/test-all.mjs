// `npm test`: every suite — unit and integration (Vitest, real PostgreSQL) then end-to-end (Playwright,
// real Chromium against the built app) — and one closing line "N passed, N failed" over all of them.
import { spawn, spawnSync } from "node:child_process";
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
/** Like run(), and also keeps what the command printed (it still streams as it runs). */
const runKeeping = (cmd, args) => new Promise((resolve) => {
  const child = spawn(cmd, args, { cwd: root, stdio: ["inherit", "pipe", "pipe"], env });
  const chunks = [];
  child.stdout.on("data", (d) => { process.stdout.write(d); chunks.push(d); });
  child.stderr.on("data", (d) => { process.stderr.write(d); chunks.push(d); });
  child.on("close", (code) => resolve({ status: code ?? 1, output: Buffer.concat(chunks).toString("utf8") }));
  child.on("error", (err) => resolve({ status: 1, output: String(err) }));
});
const totals = { passed: 0, failed: 0, skipped: 0 };
/** Every failure by name, repeated just above the closing line: CI may keep only the end of the output. */
const failures = [];

if (!e2eOnly) {
  const out = path.join(reports, "vitest.json");
  fs.rmSync(out, { force: true });
  const { status, output } = await runKeeping(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${out}`]);
  const r = readJson(out);
  if (r) {
    totals.passed += r.numPassedTests;
    totals.failed += r.numFailedTests;
    totals.skipped += r.numPendingTests + (r.numTodoTests ?? 0);
    for (const file of r.testResults ?? []) {
      const rel = path.relative(root, file.name);
      for (const t of file.assertionResults ?? []) {
        if (t.status === "failed") failures.push(`vitest ${rel} › ${t.fullName}: ${firstLine(t.failureMessages?.[0])}`);
      }
      if (file.status === "failed" && !(file.assertionResults ?? []).some((t) => t.status === "failed")) {
        failures.push(`vitest ${rel}: ${firstLine(file.message)}`);
      }
    }
  }
  if (status !== 0 && (!r || r.numFailedTests === 0)) {
    totals.failed += 1; // the run itself broke (setup, import error)
    failures.push(`vitest: the run exited with status ${status}${r ? "" : " and wrote no report"}`);
  }
  if (status !== 0) for (const e of unhandledErrors(output)) failures.push(`vitest, outside any test: ${e}`);
}

if (!e2eOnly) {
  // Type errors are test failures: one step over the whole project, counted as one test.
  console.error("type-checking (tsc --noEmit)…");
  if (run(bin("tsc"), ["--noEmit", "-p", "."]) === 0) totals.passed += 1;
  else {
    totals.failed += 1;
    failures.push("tsc --noEmit: type errors (listed above)");
  }
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
  failures.push("end-to-end: no Chromium");
} else {
  console.error("building the app for the end-to-end tests…");
  // A sentinel key in the build's environment: e2e/security.spec.ts proves it reaches no client bundle.
  const sentinel = "sk-in2-bundle-sentinel-7f3a9c";
  if (run(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"], { OPENAI_API_KEY: sentinel }) !== 0) {
    totals.failed += 1;
    failures.push("next build failed (its errors are above)");
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
      for (const spec of playwrightSpecs(r.suites ?? [])) {
        if (spec.ok) continue;
        const result = spec.tests?.flatMap((t) => t.results ?? []).find((x) => x.status !== "passed" && x.status !== "skipped");
        failures.push(`playwright ${spec.file}:${spec.line} › ${spec.title}: ${firstLine(result?.error?.message ?? result?.status)}`);
      }
      // errors outside any test: global setup or teardown, the web server
      for (const e of r.errors ?? []) failures.push(`playwright, outside any test: ${firstLine(e.message ?? e.value)}`);
    }
    if (status !== 0 && (!r || r.stats.unexpected === 0)) {
      totals.failed += 1;
      failures.push(`playwright: the run exited with status ${status}${r ? "" : " and wrote no report"}`);
    }
    stopLeftoverPostgres(path.join(dataDir, "pg"));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (failures.length) {
  console.log(`\nfailed (${failures.length}):`);
  for (const f of failures) console.log(`  ✗ ${f}`);
}
const line = `${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ""}`;
fs.writeFileSync(path.join(reports, "summary.txt"), `${line}\n`);
console.log(line);
process.exit(totals.failed ? 1 : 0);

function* playwrightSpecs(suites) {
  for (const suite of suites) {
    yield* suite.specs ?? [];
    yield* playwrightSpecs(suite.suites ?? []);
  }
}

/**
 * Vitest fails a run whose tests all passed when something threw outside them (an unhandled rejection, an error
 * event, a worker that died); its report file does not say what. This takes each such error's name and message and
 * the test file it came from, from the printed output.
 */
function unhandledErrors(output) {
  const text = output.replace(/\x1b\[[0-9;]*m/g, "");
  const start = text.search(/Unhandled Errors? ⎯|Unhandled (Rejection|Error|Exception)/);
  if (start < 0) return [];
  const lines = text.slice(start).split("\n").map((l) => l.trim());
  const found = [];
  for (let i = 0; i < lines.length && found.length < 5; i++) {
    if (!/^⎯+ (Unhandled|Uncaught) (Rejection|Error|Exception) ⎯+$/.test(lines[i])) continue;
    const message = lines.slice(i + 1).find((l) => l) ?? "";
    const after = lines.slice(i + 1, i + 80);
    const file = after.find((l) => /^This error originated in /.test(l))?.match(/"([^"]+)"/)?.[1];
    const test = after.find((l) => /^The latest test that might've caused/.test(l))?.match(/"(.+)"/)?.[1];
    const where = [file, test && `after "${test}"`].filter(Boolean).join(", ");
    found.push(`${firstLine(message)}${where ? ` — in ${where}` : ""}`);
  }
  return found.length ? found : [firstLine(lines.slice(0, 6).filter(Boolean).join(" · "))];
}

/** A failure message's first line, without terminal colours, short enough for a summary. */
function firstLine(text) {
  const line = String(text ?? "").replace(/\x1b\[[0-9;]*m/g, "").split("\n").find((l) => l.trim()) ?? "";
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

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
