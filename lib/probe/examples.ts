import { pool } from "@/lib/db/client";
import { prompt } from "./format";
import { probeContexts } from "./sets";
import type { ProbeStyle } from "./types";

export interface ProbeExampleRow {
  id: number; setIndex: number; position: number; itemCount: number; key: string; question: string;
  answer: string; meta: Record<string, string>; prompt: string | null; promptTokens: number;
}

const COLUMNS = `id, set_index AS "setIndex", position, item_count AS "itemCount", key, question, answer, meta, prompt,
  prompt_tokens AS "promptTokens"`;

/** Examples of a set in (set, position) order, keyset-paged by that order so a 32K set streams in pages. */
export async function* probeExamples(setId: number, opts: { pageSize?: number; onlyIds?: readonly number[] } = {}): AsyncGenerator<ProbeExampleRow> {
  let after: [number, number] = [-1, -1];
  for (;;) {
    const { rows } = await pool().query<ProbeExampleRow>(
      `SELECT ${COLUMNS} FROM probe_example WHERE set_id = $1 AND (set_index, position) > ($2, $3)
         AND ($5::int[] IS NULL OR id = ANY($5))
       ORDER BY set_index, position LIMIT $4`,
      [setId, after[0], after[1], opts.pageSize ?? 500, opts.onlyIds ? [...opts.onlyIds] : null]);
    for (const r of rows) yield r;
    const last = rows.at(-1);
    if (!last || rows.length < (opts.pageSize ?? 500)) return;
    after = [last.setIndex, last.position];
  }
}

/** The full prompt of an example: its own (imported sets) or its context followed by the question. */
export function examplePrompt(ex: ProbeExampleRow, contexts: Map<number, string>): string {
  return ex.prompt ?? prompt(contexts.get(ex.setIndex) ?? "", ex.question);
}

/** One JSONL record per example, as `in2 probe build --out` writes and the export route streams. */
export interface ExportRecord {
  prompt: string; answer: string; style: ProbeStyle; position: number; set_id: number;
  item_count: number; relative_position: number; key: string; question: string; probe_set: number;
  prompt_tokens: number; label?: string; description?: string;
}

export async function* exportRecords(set: { id: number; style: ProbeStyle }): AsyncGenerator<ExportRecord> {
  const contexts = await probeContexts(set.id);
  for await (const ex of probeExamples(set.id)) {
    yield {
      prompt: examplePrompt(ex, contexts), answer: ex.answer, style: set.style, position: ex.position, set_id: ex.setIndex,
      item_count: ex.itemCount, relative_position: ex.itemCount > 1 ? ex.position / (ex.itemCount - 1) : 0,
      key: ex.key, question: ex.question, probe_set: set.id, prompt_tokens: ex.promptTokens,
      ...(set.style === "database" ? { label: ex.meta.label, description: ex.meta.description } : {}),
    };
  }
}
