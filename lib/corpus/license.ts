import fs from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { AppError } from "@/lib/api/errors";
import { LICENSE_ID } from "@/lib/dataset/license";

/**
 * A corpus's licence at import (issue 16): given (`--license`, the import form), found in the source (a Hub
 * folder's README.md front matter `license:`), or kept from the corpus. Ids are the Hub's (odc-by, cc-by-4.0…),
 * which is what a dataset card states; SPDX spellings are accepted and mapped (ODC-By-1.0 → odc-by).
 */
export const UNKNOWN_LICENSE = "unknown";

/** SPDX ids whose Hub id is not simply their lower case. */
const SPDX_TO_HUB: Record<string, string> = {
  "odc-by-1.0": "odc-by", "odbl-1.0": "odbl", "pddl-1.0": "pddl", "gfdl-1.3": "gfdl", "gfdl-1.3-only": "gfdl",
  "gpl-2.0-only": "gpl-2.0", "gpl-3.0-only": "gpl-3.0", "lgpl-2.1-only": "lgpl-2.1", "lgpl-3.0-only": "lgpl-3.0",
  "agpl-3.0-only": "agpl-3.0", "ofl-1.1-no-rfn": "ofl-1.1",
};

/** The Hub id for a licence as a user or a card writes it; a clear error when it is not a licence id. */
export function normalizeLicense(input: string): string {
  const id = input.trim().toLowerCase();
  const hub = SPDX_TO_HUB[id] ?? id;
  if (!LICENSE_ID.test(hub)) {
    throw new AppError("bad_request", `"${input}" is not a licence id: use an SPDX or Hub id such as odc-by, ODC-By-1.0, cc-by-4.0, apache-2.0, other or unknown`);
  }
  return hub;
}

/**
 * The licence stated by a Hub-style folder among the inputs: `license:` in the YAML front matter of its
 * README.md (a string or, as the Hub allows, a list whose first entry is taken). Files named directly say nothing.
 */
export async function detectLicense(inputs: string[]): Promise<{ license: string; from: string } | null> {
  for (const input of inputs) {
    const stat = await fs.promises.stat(input).catch(() => null);
    if (!stat?.isDirectory()) continue;
    const readme = path.join(input, "README.md");
    const text = await fs.promises.readFile(readme, "utf8").catch(() => null);
    const front = text && /^---\r?\n([\s\S]*?)\r?\n---\s*(\r?\n|$)/.exec(text);
    if (!front) continue;
    let card: unknown;
    try { card = parseYaml(front[1]!); } catch { continue; }
    const raw = (card as { license?: unknown } | null)?.license;
    const first = Array.isArray(raw) ? raw[0] : raw;
    if (typeof first !== "string" || !first.trim()) continue;
    try {
      const license = normalizeLicense(first);
      if (license !== UNKNOWN_LICENSE) return { license, from: readme };
    } catch { /* a card with a licence we cannot state is as good as none */ }
  }
  return null;
}
