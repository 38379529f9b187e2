import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import zlib from "node:zlib";
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from "hyparquet";
import { compressors } from "hyparquet-compressors";
import type { GeneralExample } from "./rows";

export class MixError extends Error {}

/**
 * One general instruction row from the common layouts: OpenOrca (system_prompt, question, response), alpaca
 * (instruction, input, output) and chat (messages: [{role, content}], the last assistant turn the answer).
 * Returns null, with the reason, for rows of none of them.
 */
export function normalizeGeneral(row: Record<string, unknown>, source: string, line: number): GeneralExample | string {
  const s = (v: unknown) => (typeof v === "string" ? v : null);
  if (s(row.question) !== null && s(row.response) !== null) {
    return { system: s(row.system_prompt)?.trim() || null, user: s(row.question)!, assistant: s(row.response)!, source, line };
  }
  if (s(row.instruction) !== null && s(row.output) !== null) {
    const input = s(row.input)?.trim();
    return { system: null, user: input ? `${s(row.instruction)}\n\n${input}` : s(row.instruction)!, assistant: s(row.output)!, source, line };
  }
  const messages = row.messages ?? row.conversations;
  if (Array.isArray(messages)) {
    const m = messages.map((x) => x as Record<string, unknown>)
      .map((x) => ({ role: s(x.role) ?? s(x.from), content: s(x.content) ?? s(x.value) }));
    const roleOf = (r: string | null) => (r === "human" ? "user" : r === "gpt" ? "assistant" : r);
    const last = m.at(-1);
    const user = m.findLast((x) => roleOf(x.role) === "user");
    if (last && roleOf(last.role) === "assistant" && last.content !== null && user && user.content !== null) {
      const system = m.find((x) => x.role === "system")?.content ?? null;
      return { system, user: user.content, assistant: last.content, source, line };
    }
    return "messages do not end with an assistant turn after a user turn";
  }
  return "not an OpenOrca (question/response), alpaca (instruction/output) or messages row";
}

/** Rows of a JSON Lines (optionally .gz) or Parquet file, streamed. */
async function* readRows(file: string): AsyncGenerator<{ line: number; row: Record<string, unknown> | null }> {
  if (/\.parquet$/i.test(file)) {
    const buffer = await asyncBufferFromFile(file);
    const metadata = await parquetMetadataAsync(buffer).catch((err: Error) => {
      throw new MixError(`${file}: not a readable Parquet file (${err.message})`);
    });
    let start = 0;
    for (const g of metadata.row_groups) {
      const end = start + Number(g.num_rows);
      const rows = await parquetReadObjects({ file: buffer, metadata, rowStart: start, rowEnd: end, compressors });
      for (const [i, row] of rows.entries()) yield { line: start + i + 1, row: row as Record<string, unknown> };
      start = end;
    }
    return;
  }
  let input: NodeJS.ReadableStream = fs.createReadStream(file);
  if (file.endsWith(".gz")) input = input.pipe(zlib.createGunzip());
  let line = 0;
  for await (const text of readline.createInterface({ input, crlfDelay: Infinity })) {
    line++;
    if (!text.trim()) continue;
    try {
      const v = JSON.parse(text) as unknown;
      yield { line, row: v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null };
    } catch {
      yield { line, row: null };
    }
  }
}

export interface GeneralSet { name: string; file: string; rows: GeneralExample[]; skipped: Record<string, number>; keys: string[] }

/**
 * Loads a general instruction file, every usable row, ordered by a seeded hash of its content (the shuffle): the
 * same file and seed give the same order on any machine. Rows are kept in memory (general data is short text; the
 * paper used 200K rows); unusable rows are counted by reason, and a file with none is an error.
 */
export async function loadGeneral(name: string, file: string, seed: string): Promise<GeneralSet> {
  if (!fs.existsSync(file)) throw new MixError(`--mix ${name}: ${file} does not exist`);
  const display = path.basename(file);
  const items: { g: GeneralExample; key: string; order: string }[] = [];
  const skipped: Record<string, number> = {};
  for await (const { line, row } of readRows(file)) {
    const g = row ? normalizeGeneral(row, display, line) : "not a JSON object";
    if (typeof g === "string") {
      skipped[g] = (skipped[g] ?? 0) + 1;
      continue;
    }
    const key = crypto.createHash("sha256").update(`${g.system ?? ""}\0${g.user}\0${g.assistant}`).digest("hex");
    items.push({ g, key, order: crypto.createHash("sha256").update(`${seed}\0${key}`).digest("hex") });
  }
  if (!items.length) throw new MixError(`--mix ${name}: ${file} has no usable rows (${Object.entries(skipped).map(([r, n]) => `${n}× ${r}`).join("; ") || "empty"})`);
  items.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : a.g.line - b.g.line));
  return { name, file: display, rows: items.map((i) => i.g), keys: items.map((i) => i.key), skipped };
}
