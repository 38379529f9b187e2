import OpenAI, { toFile } from "openai";
import type { Clock } from "./rate-limiter";
import { realClock } from "./rate-limiter";

/**
 * OpenAI's Batch API: upload a JSONL of requests, create a batch, poll it, download its output and error
 * files. Results come back in any order and are matched by `custom_id`.
 */
export interface BatchRequestLine { custom_id: string; method: "POST"; url: "/v1/chat/completions"; body: unknown }

export interface BatchResultLine {
  customId: string;
  /** the chat completion body when the request succeeded */
  body?: OpenAI.Chat.Completions.ChatCompletion;
  statusCode?: number;
  error?: string;
}

export async function submitBatch(sdk: OpenAI, lines: BatchRequestLine[], metadata: Record<string, string>): Promise<string> {
  const jsonl = lines.map((l) => JSON.stringify(l)).join("\n") + "\n";
  const file = await sdk.files.create({ file: await toFile(Buffer.from(jsonl), "requests.jsonl"), purpose: "batch" });
  const batch = await sdk.batches.create({ input_file_id: file.id, endpoint: "/v1/chat/completions", completion_window: "24h", metadata });
  return batch.id;
}

const DONE = new Set(["completed", "failed", "expired", "cancelled"]);

/** Polls until the batch reaches a final state; `onPoll` sees each state (for progress). */
export async function waitForBatch(sdk: OpenAI, id: string, opts: { pollMs: number; signal?: AbortSignal; clock?: Clock; onPoll?: (b: OpenAI.Batch) => void }): Promise<OpenAI.Batch> {
  const clock = opts.clock ?? realClock;
  for (;;) {
    const b = await sdk.batches.retrieve(id, { signal: opts.signal });
    opts.onPoll?.(b);
    if (DONE.has(b.status)) return b;
    await clock.sleep(opts.pollMs, opts.signal);
  }
}

/** Every result line of a finished batch (output and error files). */
export async function batchResults(sdk: OpenAI, batch: OpenAI.Batch): Promise<BatchResultLine[]> {
  const out: BatchResultLine[] = [];
  for (const fileId of [batch.output_file_id, batch.error_file_id]) {
    if (!fileId) continue;
    const text = await (await sdk.files.content(fileId)).text();
    for (const line of text.split("\n")) {
      if (!line.trim()) continue;
      out.push(parseResultLine(line));
    }
  }
  return out;
}

interface RawLine {
  custom_id?: string;
  response?: { status_code?: number; body?: unknown } | null;
  error?: { code?: string; message?: string } | null;
}

function parseResultLine(line: string): BatchResultLine {
  const r = JSON.parse(line) as RawLine;
  const customId = String(r.custom_id ?? "");
  const status = r.response?.status_code;
  if (r.error || !r.response || (status !== undefined && status >= 400)) {
    const body = r.response?.body as { error?: { message?: string } } | undefined;
    return { customId, statusCode: status, error: r.error?.message ?? body?.error?.message ?? `HTTP ${status ?? "?"} in batch` };
  }
  return { customId, statusCode: status, body: r.response.body as OpenAI.Chat.Completions.ChatCompletion };
}
