import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import * as zlib from "node:zlib";
import { loadEvalGrams } from "./eval-sets";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "in2-eval-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const line = (text: string) => `${JSON.stringify({ text })}\n`;
const A = line("The harbour commission met on Tuesday to discuss the new ferry timetable.");
const B = line("The harbour commission met on Monday to discuss the old ferry timetable..");

describe("loadEvalGrams", () => {
  it("sees a file rewritten in place to the same size at once (a fresh mtime is never trusted)", () => {
    const file = path.join(dir, "fresh.jsonl");
    fs.writeFileSync(file, A);
    const first = loadEvalGrams([file]);
    fs.writeFileSync(file, B);
    expect(B.length).toBe(A.length);
    const second = loadEvalGrams([file]);
    expect(second.fingerprint).not.toBe(first.fingerprint);
    expect(second.grams).not.toEqual(first.grams);
  });

  it("does not read a settled file again while it is unchanged, and reads it when it changes", () => {
    const file = path.join(dir, "settled.jsonl");
    fs.writeFileSync(file, A);
    const hourAgo = new Date(Date.now() - 3600_000);
    fs.utimesSync(file, hourAgo, hourAgo);
    const first = loadEvalGrams([file]);
    // unreadable now: only a stat hit can answer
    const spy = fs.readFileSync;
    let reads = 0;
    (fs as { readFileSync: typeof fs.readFileSync }).readFileSync = ((...args: Parameters<typeof fs.readFileSync>) => (reads++, spy(...args))) as typeof fs.readFileSync;
    try {
      expect(loadEvalGrams([file])).toBe(first);
      expect(reads).toBe(0);
      fs.writeFileSync(file, zlib.gzipSync(B));
      expect(loadEvalGrams([file]).fingerprint).not.toBe(first.fingerprint);
      expect(reads).toBe(1);
    } finally {
      (fs as { readFileSync: typeof fs.readFileSync }).readFileSync = spy;
    }
  });
});
