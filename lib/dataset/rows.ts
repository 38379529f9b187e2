import { FILM_PREAMBLE, formatLine } from "@/lib/export/formats";
import type { ExportFormat } from "@/lib/export/params";
import type { ExportRecord } from "@/lib/export/types";
import type { DatasetRowFormat } from "./params";

export interface Message { role: string; content: string }
/** A row of the Hub layout: the export's row (lib/export/formats, unchanged) plus `example_tokens` at the top level. */
export type DatasetRow = Record<string, unknown> & { example_tokens: number };

export function rowFormatOf(format: ExportFormat, promptCompletion: boolean): DatasetRowFormat {
  return format === "chat" && promptCompletion ? "prompt_completion" : format;
}

/**
 * A pair's row in a trainer format. Built from lib/export's own line, so the Hub layout's rows are the JSONL
 * export's rows field for field; the token count of the whole example is lifted to a top-level column (trainers
 * filter on it without parsing meta). prompt_completion is the chat row with the answer moved to `completion`.
 */
export function pairRow(rowFormat: DatasetRowFormat, r: ExportRecord): DatasetRow {
  const base = JSON.parse(formatLine(rowFormat === "prompt_completion" ? "chat" : rowFormat, r)) as Record<string, unknown>;
  if (rowFormat === "raw") return base as DatasetRow; // raw already carries example_tokens
  if (rowFormat === "prompt_completion") {
    const messages = base.messages as Message[];
    return { prompt: messages.slice(0, -1), completion: messages.slice(-1), example_tokens: r.exampleTokens, meta: base.meta };
  }
  return { ...base, example_tokens: r.exampleTokens };
}

/** A general instruction row (OpenOrca, alpaca or messages), in the same format as the pairs. */
export interface GeneralExample { system: string | null; user: string; assistant: string; source: string; line: number }

export function generalRow(rowFormat: DatasetRowFormat, g: GeneralExample, exampleTokens: number): DatasetRow {
  const meta = { source: g.source, line: g.line, type: "general", example_tokens: exampleTokens };
  const prompt: Message[] = [...(g.system ? [{ role: "system", content: g.system }] : []), { role: "user", content: g.user }];
  const answer: Message = { role: "assistant", content: g.assistant };
  switch (rowFormat) {
    case "film":
      return { prompt: `[INST] ${g.system ? `${g.system}\n\n` : ""}${g.user} [/INST]`, completion: g.assistant, meta, example_tokens: exampleTokens };
    case "chat":
      return { messages: [...prompt, answer], meta, example_tokens: exampleTokens };
    case "prompt_completion":
      return { prompt, completion: [answer], example_tokens: exampleTokens, meta };
    case "raw":
      return { id: null, key: null, type: "general", question: g.user, answer: g.assistant, support: [], context: g.system, context_tokens: null,
        example_tokens: exampleTokens, tokenizer: null, token_offsets: null, segments: [], evidence_depths: [],
        source: { document_id: null, document_key: null, url: null, file: g.source, line: g.line }, generator: null, review: null, seed: null };
  }
}

/** The text a general row's token count is taken over (the same template as its row). */
export function generalText(rowFormat: DatasetRowFormat, g: GeneralExample): string {
  return rowFormat === "film" || rowFormat === "raw" ? `[INST] ${g.system ? `${g.system}\n\n` : ""}${g.user} [/INST]${g.assistant}`
    : `${g.system ?? ""}${g.user}${g.assistant}`;
}

/** Column types, for the Parquet schema, Croissant and the card. */
export type ColumnKind = "string" | "int" | "messages" | "json";
export const COLUMNS: Record<DatasetRowFormat, [string, ColumnKind][]> = {
  film: [["prompt", "string"], ["completion", "string"], ["meta", "json"], ["example_tokens", "int"]],
  chat: [["messages", "messages"], ["meta", "json"], ["example_tokens", "int"]],
  prompt_completion: [["prompt", "messages"], ["completion", "messages"], ["example_tokens", "int"], ["meta", "json"]],
  raw: [["id", "int"], ["key", "string"], ["type", "string"], ["question", "string"], ["answer", "string"], ["support", "json"], ["context", "string"],
    ["context_tokens", "int"], ["example_tokens", "int"], ["tokenizer", "string"], ["token_offsets", "string"], ["segments", "json"],
    ["evidence_depths", "json"], ["source", "json"], ["generator", "json"], ["review", "json"], ["seed", "string"]],
};

export const TEMPLATE_NOTE = { preamble: FILM_PREAMBLE } as const;
