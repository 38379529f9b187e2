import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";

/** The 1,000-document C4 realnewslike sample shipped with the repo (for tests and benchmarks only). */
export const DEMO_CORPUS_PATH = join(process.cwd(), "data/demo/c4-realnewslike-1000.jsonl.gz");

/** Texts of the demo corpus, in file order. Small (~3 MB), so reading it whole is fine here. */
export function readDemoTexts(path = DEMO_CORPUS_PATH): string[] {
  const lines = gunzipSync(readFileSync(path)).toString("utf8").split("\n");
  const texts: string[] = [];
  for (const line of lines) {
    if (line.trim() === "") continue;
    const row: unknown = JSON.parse(line);
    if (typeof row === "object" && row !== null && "text" in row && typeof row.text === "string") texts.push(row.text);
  }
  return texts;
}

/** Every paragraph (`text.split("\n")`) of the demo corpus, empty ones dropped. */
export function readDemoParagraphs(path = DEMO_CORPUS_PATH): string[] {
  return readDemoTexts(path).flatMap((text) => text.split("\n").filter((p) => p !== ""));
}
