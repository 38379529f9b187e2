// Finds a Chromium for Playwright: $PLAYWRIGHT_CHROMIUM_PATH, the system's (Debian's `chromium`), or
// Playwright's own download cache. Returns undefined when there is none.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export function findChromium() {
  const candidates = [
    process.env.PLAYWRIGHT_CHROMIUM_PATH,
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
    ...playwrightCache(),
  ].filter(Boolean);
  return candidates.find((p) => fs.existsSync(p));
}

function playwrightCache() {
  const dir = process.env.PLAYWRIGHT_BROWSERS_PATH ?? path.join(os.homedir(), ".cache", "ms-playwright");
  try {
    return fs.readdirSync(dir).filter((d) => d.startsWith("chromium-")).sort().reverse()
      .map((d) => path.join(dir, d, "chrome-linux", "chrome"));
  } catch {
    return [];
  }
}
