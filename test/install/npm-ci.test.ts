import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = process.cwd();
const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { allowScripts?: Record<string, boolean>; scripts?: unknown };
const lock = JSON.parse(fs.readFileSync(path.join(root, "package-lock.json"), "utf8")) as { packages: Record<string, { hasInstallScript?: boolean }> };

describe("a clean install prints nothing a user must wonder about", () => {
  it("npm ci from the lock warns about nothing (no EBADENGINE on Node 20)", () => {
    // a dry run from the lock alone, offline, in a scratch copy: never touches this project's node_modules
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "in2-npm-ci-"));
    try {
      fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ ...pkg, scripts: {} }));
      fs.copyFileSync(path.join(root, "package-lock.json"), path.join(dir, "package-lock.json"));
      fs.cpSync(path.join(root, "prisma", "stubs"), path.join(dir, "prisma", "stubs"), { recursive: true });
      const r = spawnSync("npm", ["ci", "--dry-run", "--offline", "--no-audit", "--no-fund"], { cwd: dir, encoding: "utf8", timeout: 120_000 });
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/added \d+ packages/);
      expect(r.stderr.split("\n").filter((l) => /warn/i.test(l))).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);

  it("every dependency with an install script is decided in allowScripts (npm 11 warns about the rest)", () => {
    const withScripts = Object.entries(lock.packages)
      .filter(([p, v]) => p !== "" && v.hasInstallScript)
      .map(([p]) => p.slice(p.lastIndexOf("node_modules/") + "node_modules/".length));
    expect(withScripts.length).toBeGreaterThan(0);
    const undecided = withScripts.filter((name) => typeof pkg.allowScripts?.[name] !== "boolean");
    expect(undecided).toEqual([]);
  });
});
