import { pool } from "@/lib/db/client";
import { offlineGenerator, openAiGenerator, type Generator } from "@/lib/generate/generator";
import { DEFAULT_OPENAI_MODEL, OFFLINE_MODEL } from "@/lib/generate/params";
import { renderPieces } from "@/lib/generate/prompts";
import { validateOutput } from "@/lib/generate/validate";
import { openAiSdk } from "@/lib/llm/openai-client";
import { costUsd, priceFor } from "@/lib/llm/prices";
import { dryRunBody, type DryRunBody, type DryRunResult } from "./schemas";

const SAMPLES = 5;
const MAX_PIECES = 8;

/**
 * Five seeded inputs: single = five segments; multi = the first pieces of five documents with two or more segments.
 * Ordered by a hash of content keys (document sha256, segment index) and the seed, never by ids.
 */
async function sampleInputs(type: "single" | "multi", seed: string, corpusId?: number): Promise<{ segmentIds: number[]; texts: string[] }[]> {
  if (type === "single") {
    const { rows } = await pool().query<{ id: number; text: string }>(
      `SELECT s.id, s.text FROM segment s JOIN document d ON d.id = s.document_id WHERE ($2::int IS NULL OR s.corpus_id = $2)
       ORDER BY hashtextextended(d.sha256 || ':' || s.index || '|' || $1, 0), s.id LIMIT ${SAMPLES}`, [seed, corpusId ?? null]);
    return rows.map((r) => ({ segmentIds: [r.id], texts: [r.text] }));
  }
  const { rows } = await pool().query<{ ids: number[]; texts: string[] }>(
    `SELECT ARRAY(SELECT s.id FROM segment s WHERE s.document_id = d.id ORDER BY s.index LIMIT ${MAX_PIECES}) AS ids,
            ARRAY(SELECT s.text FROM segment s WHERE s.document_id = d.id ORDER BY s.index LIMIT ${MAX_PIECES}) AS texts
     FROM document d WHERE d.segment_count >= 2 AND ($2::int IS NULL OR d.corpus_id = $2)
     ORDER BY hashtextextended(d.sha256 || '|' || $1, 0), d.id LIMIT ${SAMPLES}`, [seed, corpusId ?? null]);
  return rows.map((r) => ({ segmentIds: r.ids, texts: r.texts }));
}

/**
 * Tries an unsaved prompt on five sampled inputs before a run: each reply (parsed and checked as generation would),
 * its tokens and cost. With OPENAI_API_KEY it calls the model; without, the offline generator answers (it does not
 * read prompts, so the replies show the pipeline, not the prompt) and says so.
 */
export async function dryRun(input: DryRunBody, signal?: AbortSignal): Promise<DryRunResult> {
  const b = dryRunBody.parse(input);
  const online = Boolean(process.env.OPENAI_API_KEY);
  const model = online ? (b.model ?? process.env.IN2_OPENAI_MODEL ?? DEFAULT_OPENAI_MODEL) : OFFLINE_MODEL;
  const prompt = { system: b.text, format: b.outputSchema };
  const gen: Generator = online ? openAiGenerator(openAiSdk({ timeoutMs: 60_000 }), { model, prompt }) : offlineGenerator;
  const price = online ? priceFor(model) : { input: 0, output: 0 };
  const inputs = await sampleInputs(b.type, b.seed, b.corpusId);
  const ctl = new AbortController();
  signal?.addEventListener("abort", () => ctl.abort());
  const replies = await Promise.all(inputs.map(async (inp, i) => {
    const rendered = b.type === "single" ? inp.texts[0] ?? "" : renderPieces(inp.texts);
    try {
      const a = await gen.attempt({ key: `dry-run|${b.seed}|${i}`, type: b.type }, inp.texts, ctl.signal);
      const v = validateOutput(b.type, a.content, inp.texts.length);
      return { segmentIds: inp.segmentIds, input: rendered.slice(0, 4000), ok: v.ok, output: v.ok ? v.qa : safeJson(a.content),
        error: v.ok ? null : v.reason, ...a.usage, costUsd: costUsd(price, a.usage.promptTokens, a.usage.completionTokens) };
    } catch (err) {
      return { segmentIds: inp.segmentIds, input: rendered.slice(0, 4000), ok: false, output: null, error: (err as Error).message, promptTokens: 0, completionTokens: 0, costUsd: 0 };
    }
  }));
  return { provider: online ? "openai" : "offline", model, replies, totalCostUsd: replies.reduce((s, r) => s + r.costUsd, 0), priced: price !== null };
}

function safeJson(s: string): unknown {
  try { return JSON.parse(s); } catch { return s; }
}
